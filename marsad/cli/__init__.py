"""marsad's command line.  Each command is thin: parse options, call one
library function, print.  Commands live in one module per area and are
loaded only when used, so `marsad --help` stays fast.

    marsad demo                      ingest the bundled examples, print the events
    marsad ingest PATH_OR_URL...     articles into the database
    marsad watch FEEDS_FILE          poll RSS/Atom feeds
    marsad extract --input F ...     extraction only, no database
    marsad events ...                list, show and split stored events
    marsad export / import-acled     ACLED CSV, GeoJSON, JSONL
    marsad gazetteer ...             add places, look names up
    marsad regeocode                 place stored events again after adding places
    marsad trends / report           weekly series, surges, analyst brief
    marsad serve                     JSON API and dashboard
"""
from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from marsad import __version__, datafiles
from marsad.errors import MarsadError

# command name -> (module, attribute).  A module may be missing while its
# area is being built; its commands are then simply not listed.
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("marsad.cli.extract", "demo"),
    "extract": ("marsad.cli.extract", "extract"),
    "ingest": ("marsad.cli.ingest", "ingest"),
    "watch": ("marsad.cli.ingest", "watch"),
    "events": ("marsad.cli.events", "events"),
    "export": ("marsad.cli.store", "export"),
    "import-acled": ("marsad.cli.store", "import_acled"),
    "db": ("marsad.cli.store", "db"),
    "gazetteer": ("marsad.cli.gazetteer", "gazetteer"),
    "regeocode": ("marsad.cli.gazetteer", "regeocode"),
    "trends": ("marsad.cli.analysis", "trends"),
    "report": ("marsad.cli.analysis", "report"),
    "serve": ("marsad.cli.web", "serve"),
}


def _module_exists(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n, (mod, _) in COMMANDS.items() if _module_exists(mod))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        mod, attr = COMMANDS[name]
        if not _module_exists(mod):
            return None
        return getattr(importlib.import_module(mod), attr)


class _DbEverywhere(dict[str, object]):
    """A default map giving every subcommand, at any depth, the root's --db as
    the default of its own --db (named `db`, or `url` in `marsad db ...`)."""

    def __init__(self, db: str):
        super().__init__(db=_DbValue(db), url=_DbValue(db))

    def get(self, key: str, default: object = None) -> object:
        return super().get(key, default) if key in ("db", "url") else self


class _DbValue(str):
    """The --db value, which is also the default map of a subcommand that happens
    to be called `db` (`marsad --db x.db db info`): Click asks the same map for a
    parameter's default and for a subcommand's map, by name."""

    def get(self, key: str, default: object = None) -> object:
        return _DbEverywhere(str(self)).get(key, default)


def _use_data(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> None:
    """--data DIR: before any command module loads, so the word classes compiled at
    import see the user's files; MARSAD_DATA carries it to worker processes."""
    if value:
        datafiles.use_dirs([*datafiles.user_dirs(), *value])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="marsad")
@click.option("--db", default=None, help="database for every command: `marsad --db x.db events` "
              "is `marsad events --db x.db`")
@click.option("--data", multiple=True, is_eager=True, expose_value=False, callback=_use_data,
              type=click.Path(exists=True, file_okay=False),
              help="a folder of your own data files (actors.csv, triggers.csv, word_classes.csv, "
              "geo_aliases.csv, merge_rules.toml ...) that extend or override marsad's, key by key; "
              "repeatable; also MARSAD_DATA: `marsad --data mydata extract -i a.jsonl -o e.csv`")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """marsad: news reports of armed conflict in, a geocoded event database out.

    \b
    Try:
      marsad demo
      marsad ingest examples/ --db marsad.db
      marsad events --country Syria --since 2024-01-01
      marsad serve
    """
    if db:
        ctx.default_map = _DbEverywhere(db)


def main(argv: list[str] | None = None) -> None:
    """Entry point: library errors become one line on stderr and a non-zero exit."""
    try:
        rv = cli.main(args=argv, prog_name="marsad", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.exceptions.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except MarsadError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    else:
        # commands signal partial failure with ctx.exit(n) / returning an int
        sys.exit(rv if isinstance(rv, int) else 0)
