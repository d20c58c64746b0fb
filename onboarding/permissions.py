"""Permission names of the onboarding app; granted through the groups in processdb.groups."""

SEE_ALL_ASSIGNMENTS = "onboarding.view_all_assignments"
ASSIGN_PATHS = "onboarding.add_assignment"
DRAFT_PATHS = "onboarding.add_readingpath"
VIEW_TEAM = "onboarding.view_assignment"
