"""The permissions the document management checks (granted through the groups, processdb.groups)."""

VIEW_DOCUMENTS = "documents.view_document"
ADD_DOCUMENTS = "documents.add_document"
CHANGE_DOCUMENTS = "documents.change_document"
UPLOAD_VERSIONS = "documents.add_documentversion"
