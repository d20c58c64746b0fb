"""Django's PostgreSQL backend with time limits, so a database that stops answering gives 503s, not hangs.

- Connecting: libpq's connect_timeout (OPTIONS, from DATABASE_CONNECT_TIMEOUT), which covers the
  whole start-up exchange, also with a frozen server whose kernel still accepts TCP.
- In processes that serve requests (processdb.dbtimeouts.serving()):
  - the server ends statements after DATABASE_STATEMENT_TIMEOUT (statement_timeout), which
    keeps the connection usable;
  - the client gives up a little later (processdb.dbtimeouts.limit) on every statement, commit
    and rollback, and after the connect timeout on the health check's `SELECT 1`
    (CONN_HEALTH_CHECKS) and on setting up a new connection – those bypass execute wrappers.
- After a client-side time-out the database counts as unreachable for the connect timeout:
  connection attempts fail at once, so waiting requests drain with 503s.
"""

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base

from processdb import dbtimeouts

# psycopg raises ConnectionTimeout (an OperationalError) since 3.2; older versions match nothing here.
CONNECTION_TIMEOUT = getattr(psycopg.errors, "ConnectionTimeout", ())

# The client waits this much longer than the server's statement_timeout, so that on a server that
# works the server's cancellation comes first and the connection stays usable.
CLIENT_GRACE_SECONDS = 2


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # First in the list: outermost, around any wrapper added later with execute_wrapper().
        self.execute_wrappers.append(self._limited_execute)

    # -- how long ---------------------------------------------------------------------------

    def connect_seconds(self) -> float:
        return float(self.settings_dict["OPTIONS"].get("connect_timeout") or 0)

    def statement_seconds(self) -> float:
        """Server-side statement timeout in this process (0: none)."""
        return float(getattr(settings, "DATABASE_STATEMENT_TIMEOUT", 0) or 0) if dbtimeouts.serving() else 0

    def _client_seconds(self) -> float:
        seconds = self.statement_seconds()
        return seconds + CLIENT_GRACE_SECONDS if seconds else 0

    def _quick_seconds(self) -> float:
        """For `SELECT 1` and connection set-up: as long as a connection attempt may take."""
        return self.connect_seconds() if dbtimeouts.serving() else 0

    def _timed_out(self):
        dbtimeouts.mark_unreachable(self.alias, self.connect_seconds())
        # Even if the operation finished in the same instant, its socket is gone: discard it.
        self.errors_occurred = True

    # -- connecting -------------------------------------------------------------------------

    def get_connection_params(self):
        params = super().get_connection_params()
        seconds = self.statement_seconds()
        if seconds:
            # First, so that an explicit statement_timeout in DATABASE_URL's options wins.
            params["options"] = " ".join(
                filter(None, [f"-c statement_timeout={int(seconds * 1000)}", params.get("options")])
            )
        return params

    def get_new_connection(self, conn_params):
        wait = dbtimeouts.unreachable_for(self.alias)
        if wait:
            raise self.Database.OperationalError(
                f"database did not answer in time; next connection attempt in {wait:.1f} s"
            )
        try:
            return super().get_new_connection(conn_params)
        except CONNECTION_TIMEOUT:
            dbtimeouts.mark_unreachable(self.alias, self.connect_seconds())
            raise

    def init_connection_state(self):
        with dbtimeouts.limit(self.connection, self._quick_seconds(), self._timed_out):
            super().init_connection_state()

    # -- operations outside execute wrappers ------------------------------------------------

    def is_usable(self):
        with dbtimeouts.limit(self.connection, self._quick_seconds(), self._timed_out):
            return super().is_usable()

    def _commit(self):
        with dbtimeouts.limit(self.connection, self._client_seconds(), self._timed_out):
            return super()._commit()

    def _rollback(self):
        with dbtimeouts.limit(self.connection, self._client_seconds(), self._timed_out):
            return super()._rollback()

    def _limited_execute(self, execute, sql, params, many, context):
        seconds = self._client_seconds()
        if not seconds:
            return execute(sql, params, many, context)
        with dbtimeouts.limit(self.connection, seconds, self._timed_out):
            return execute(sql, params, many, context)
