"""Alembic environment: runs on the connection handed in by posapp.db.migrate."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from posapp.db.schema import metadata

config = context.config
target_metadata = metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` on the command line, for writing new revisions
        engine = engine_from_config(
            config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
        )
        with engine.connect() as connection:
            _migrate(connection)
    else:
        _migrate(connection)


def _migrate(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        user_module_prefix="",
    )
    with context.begin_transaction():
        context.run_migrations()


run()
