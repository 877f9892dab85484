"""`flask --app webapp db ...`: apply and revert the numbered migrations, and compare the models
with the database they made (playhouse.schema_diff), so a migration that forgets a column or an
index is caught before a person's data is."""
import click
from peewee import PostgresqlDatabase
from playhouse.schema_diff import diff_models

from . import db
from .models import MODELS

# Tables the models do not describe on purpose: the migration runner's own history.
UNMODELLED = {"schema_migration"}


def differences():
    """What the database lacks or has beyond the models, one line each (empty when they agree)."""
    database = db.database.obj
    with db.database.connection_context():
        lines = str(diff_models(database, MODELS)).splitlines()
        modelled = {m._meta.table_name for m in MODELS} | UNMODELLED
        lines += [f"table {t} has no model" for t in sorted(set(database.get_tables()) - modelled)]
    return lines


def backend_name():
    return "PostgreSQL" if isinstance(db.database.obj, PostgresqlDatabase) else "SQLite"


@click.group("db")
def cli():
    """Database schema commands."""


@cli.command("upgrade")
def upgrade_command():
    """Apply all pending numbered migrations."""
    applied = db.upgrade()
    click.echo("applied: " + ", ".join(applied) if applied else "database is up to date")


@cli.command("status")
def status_command():
    """List migrations and whether each is applied."""
    with db.database.connection_context():
        for m in db.runner().status():
            click.echo(f"{'applied' if m.applied else 'pending'}  {m.name}")


@cli.command("down")
@click.argument("target", required=False)
def down_command(target):
    """Revert the last applied migration, or every one back to and including TARGET."""
    with db.database.connection_context():
        try:
            reverted = db.runner().down(target)
        except Exception as error:      # MigrationError: an unknown target, a missing down()
            raise click.ClickException(str(error)) from error
    click.echo("reverted: " + ", ".join(reverted) if reverted else "nothing to revert")


@cli.command("diff")
def diff_command():
    """Compare the models with the database; exit 1 and list what differs when they disagree."""
    found = differences()
    if not found:
        click.echo(f"the models and the {backend_name()} database agree")
        return
    click.echo("\n".join(found))
    raise click.exceptions.Exit(1)
