"""Database sessions whose row comes with the content version, in one query.

Every page of a logged-in user loads its session; most pages also need the content version
(core.caching) to find their shared fragments and, through it, the cached user and
permissions (processdb.auth). Reading both in the session's query saves a round trip per page.
Sessions stay in the database, so a logout or an expiry ends them in every worker at once.
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    content_version: int | None = None  # as read with the session row; None before or without one

    def _get_session_from_db(self):
        # Plain SQL: this runs on every page, and building the ORM query cost more than running it.
        from core.models import ContentVersion

        self.content_version = None
        connection = connections[router.db_for_read(self.model)]
        quote = connection.ops.quote_name
        sql = (
            f"SELECT s.{quote('session_data')}, (SELECT v.{quote('number')} FROM {quote(ContentVersion._meta.db_table)} v"
            f" WHERE v.{quote('id')} = 1) FROM {quote(self.model._meta.db_table)} s"
            f" WHERE s.{quote('session_key')} = %s AND s.{quote('expire_date')} > %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        self.content_version = row[1]
        return self.model(session_key=self.session_key, session_data=row[0])
