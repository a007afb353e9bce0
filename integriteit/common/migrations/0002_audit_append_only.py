"""On PostgreSQL the database itself refuses UPDATE and DELETE on the audit table (ADR 0004).

SQLite has no comparable guard; there ``verify_audit`` is the defence.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE OR REPLACE FUNCTION common_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'auditlog is alleen-toevoegen: ' || TG_OP || ' geweigerd op common_auditevent',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS common_auditevent_no_change ON common_auditevent;
CREATE TRIGGER common_auditevent_no_change
    BEFORE UPDATE OR DELETE ON common_auditevent
    FOR EACH ROW EXECUTE FUNCTION common_auditevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS common_auditevent_no_change ON common_auditevent;
DROP FUNCTION IF EXISTS common_auditevent_append_only();
"""


def _run(sql: str, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(sql)


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(CREATE, schema_editor)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(DROP, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
