"""The newsweave command: a thin layer over the library.

Errors are mapped to exit codes in one place, ``main``: 0 done, 1 bad input (or an ingest that
stored nothing because every input was rejected), 2 bad usage or store failure, 3 an ingest that
stored some inputs and rejected others.
"""

from __future__ import annotations

import errno
import getpass
import ipaddress
import json
import os
import socket
import sys
from collections.abc import Iterator
from dataclasses import replace

import click

from . import corrections, render
from .compare import PairScorer, score_pairs_file
from .config import Settings
from .corrections import story_history
from .embed import open_embedder
from .errors import InputError, NewsweaveError, StoreError
from .export import article_records, story_records, write_records
from .ledger import build_ledger
from .ledger.coverage import story_coverage
from .models import Article, Rejection
from .pipeline import Pipeline
from .store import POSTGRES_SCHEMES, Store, open_store, redacted
from .titles import CUT, story_title


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="NEWSWEAVE_DB",
    default="newsweave.db",
    show_default=True,
    help="The store: a SQLite file path or a postgresql:// URL (also NEWSWEAVE_DB).",
)
@click.option(
    "--embedder", envvar="NEWSWEAVE_EMBEDDER", default="use-m3", show_default=True, hidden=True
)
@click.option(
    "--lead-reader",
    envvar="NEWSWEAVE_LEAD_READER",
    default="e5-small",
    show_default=True,
    hidden=True,
)
@click.option(
    "--live-stories",
    envvar="NEWSWEAVE_LIVE_STORIES",
    type=click.IntRange(min=1),
    default=Settings.live_stories,
    show_default=True,
    help="Stories new articles may still join; beyond it the one joined longest ago closes, "
    "so memory stays bounded (also NEWSWEAVE_LIVE_STORIES).",
)
@click.pass_context
def cli(ctx: click.Context, db: str, embedder: str, lead_reader: str, live_stories: int) -> None:
    """Follow news stories across languages."""
    ctx.obj = Settings.from_env(
        db=db, embedder=embedder, lead_reader=lead_reader, live_stories=live_stories
    )


INGEST_PARTIAL = 3
"""ingest's exit code when some inputs were stored and others rejected (1: none was stored)."""


def _pipeline(ctx: click.Context, freeze_gc: bool = False) -> Pipeline:
    return Pipeline(ctx.obj, freeze_gc=freeze_gc)


def _reading(ctx: click.Context) -> Pipeline:
    """The pipeline of a command that only reads: a store that is not there is an error, not a new one.

    ``--db typo.db stories`` would otherwise create an empty store and list nothing.
    """
    _require_store(ctx.obj.db)
    return Pipeline(ctx.obj)


def _require_store(location: str) -> None:
    """A SQLite store that is not there is an error for a command that reads or corrects one."""
    if not location.startswith(POSTGRES_SCHEMES):
        path = location.removeprefix("sqlite:///")
        if not os.path.exists(path):
            raise click.ClickException(
                f"no store at {path}: check --db (or NEWSWEAVE_DB); `newsweave ingest` makes one"
            )


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Read, parse, extract and embed on N local worker processes (Dask); "
    "stories are still assigned here, in order.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Do that on the Dask cluster at ADDRESS (tcp://host:8786) instead.",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    quiet: bool,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Read articles from files, folders, URLs or - (stdin) and group them into stories."""
    pipeline = _pipeline(ctx, freeze_gc=True)  # a batch run owns its process (see Pipeline)
    if workers or scheduler:
        if "-" in paths:
            raise click.UsageError(
                "- (stdin) cannot be read by workers: leave out --workers/--scheduler"
            )
        from .parallel import open_cluster  # dask is an extra

        with (
            open_cluster(workers, scheduler) as cluster,
            render.progress(enabled=not quiet, total=render.countable_inputs(paths)) as tick,
        ):
            summary = pipeline.ingest(paths, progress=tick, cluster=cluster)
    else:
        stdin = sys.stdin.buffer if "-" in paths else None
        with render.progress(enabled=not quiet, total=render.countable_inputs(paths)) as tick:
            summary = pipeline.ingest(paths, stdin=stdin, progress=tick)
    render.summary(summary)
    if summary.rejected:  # a cron job must notice: 1 when nothing was stored, 3 when some was
        stored = summary.new + summary.duplicate + summary.updated
        sys.exit(INGEST_PARTIAL if stored else 1)


@cli.command()
@click.option(
    "--lang",
    help="Only stories with an article in this language (ISO 639-1), titled in it where they have a headline in it.",
)
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="Only stories active on or after this date."
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many stories.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@click.pass_context
def stories(
    ctx: click.Context, lang: str | None, since: object, limit: int | None, as_json: bool
) -> None:
    """List stories, most recently updated first."""
    day = since.date() if since else None  # type: ignore[attr-defined]
    store = _reading(ctx).store
    found = store.stories(lang=lang, since=day, limit=limit)
    readers = [lang] if lang else []
    # A story is stored under its founder's title: look further only when the reader asked for a
    # language or that title is opening words cut short (it has "…"), not for every story of a big store.
    found = [
        replace(
            s, title=story_title([a for a, _ in store.story_articles(s.id)], readers) or s.title
        )
        if readers or s.title.endswith(CUT)
        else s
        for s in found
    ]
    render.story_list(found, as_json)


@cli.command()
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@click.option(
    "--lang", help="Title the story in this language (ISO 639-1) where it has a headline in it."
)
@click.pass_context
def story(ctx: click.Context, story_id: str, as_json: bool, lang: str | None) -> None:
    """Show a story: its articles by language, why each joined, its entities and numbers."""
    store = _reading(ctx).store
    resolved = store.resolve_story(story_id)  # a merged story's id answers as the surviving one's
    members = store.story_articles(resolved) if resolved is not None else []
    if resolved is None or not members:
        raise click.UsageError(f"no story {story_id!r}: `newsweave stories` lists them")
    articles = [a for a, _ in members]
    title = story_title(articles, [lang] if lang else [])
    links = store.translation_links(resolved)
    coverage = story_coverage(
        store, resolved, articles, build_ledger(articles, links), ctx.obj.silent_days
    )
    history = story_history(store, resolved)
    render.story_detail(
        resolved, members, as_json, history, title=title, links=links, coverage=coverage
    )


_WHY = click.option("--why", default="", help="Why: kept in the story's history.")


@cli.command()
@click.argument("story_ids", metavar="STORY STORY...", nargs=-1, required=True)
@_WHY
@click.pass_context
def merge(ctx: click.Context, story_ids: tuple[str, ...], why: str) -> None:
    """Merge stories into the oldest of them; the others' ids become its aliases."""
    render.corrected(corrections.merge(_open_store(ctx), story_ids, getpass.getuser(), why))


@cli.command()
@click.argument("article_id", metavar="ARTICLE")
@click.argument("story_id", metavar="STORY", required=False)
@click.option("--new", "to_new", is_flag=True, help="Move the article to a story of its own.")
@_WHY
@click.pass_context
def move(ctx: click.Context, article_id: str, story_id: str | None, to_new: bool, why: str) -> None:
    """Move an article to another story (or to a new one with --new)."""
    if bool(story_id) == to_new:
        raise click.UsageError("give either the STORY to move the article to, or --new")
    render.corrected(
        corrections.move(_open_store(ctx), article_id, story_id, getpass.getuser(), why)
    )


@cli.command()
@click.argument("story_id", metavar="STORY")
@click.argument("article_ids", metavar="ARTICLE...", nargs=-1, required=True)
@_WHY
@click.pass_context
def split(ctx: click.Context, story_id: str, article_ids: tuple[str, ...], why: str) -> None:
    """Make the listed articles of STORY a new story."""
    render.corrected(
        corrections.split(_open_store(ctx), story_id, article_ids, getpass.getuser(), why)
    )


@cli.command()
@click.argument("entry", type=int)
@_WHY
@click.pass_context
def undo(ctx: click.Context, entry: int, why: str) -> None:
    """Revert a correction by its history entry's id (`newsweave story ID` shows them)."""
    render.corrected(corrections.undo(_open_store(ctx), entry, getpass.getuser(), why))


def _open_store(ctx: click.Context) -> Store:
    # Only the store: a correction needs no embedder (the clusterer learns it from the store).
    _require_store(ctx.obj.db)
    return open_store(ctx.obj.db)


@cli.command()
@click.argument("items", nargs=-1)
@click.option(
    "--pairs", type=click.Path(exists=True, dir_okay=False), help="A JSONL file of pairs to score."
)
@click.option(
    "--lead-reader",
    "lead_reader",
    help="e5-small (default) or none: score without the slower lead reader.",
)
@click.pass_context
def compare(
    ctx: click.Context, items: tuple[str, ...], pairs: str | None, lead_reader: str | None
) -> None:
    """Score two articles (files or stored ids) as the same story, with the components and a verdict."""
    pipeline = _pipeline(ctx)
    lead_reader = (
        lead_reader or ctx.obj.lead_reader
    )  # given after the command or before it, as README shows
    reader = None if lead_reader == "none" else open_embedder(lead_reader)
    scorer = PairScorer(pipeline.embedder, ctx.obj.weights, lead_reader=reader)
    if pairs:
        with open(pairs, encoding="utf-8") as stream:
            for record in score_pairs_file(stream, scorer, pairs):
                click.echo(json.dumps(record))
        return
    if len(items) != 2:
        raise click.UsageError("compare takes two files or article ids, or --pairs FILE")
    # Word rarity from the store's articles, so two files are judged against the corpus.
    scorer.count_rarity_as(pipeline.load_clusterer())
    first, second = scorer.features([_load_one(pipeline, items[0]), _load_one(pipeline, items[1])])
    render.pair(items, scorer.score(first, second), lead_reader=reader is not None)


def _load_one(pipeline: Pipeline, item: str) -> Article:
    """An article from the store by id, else read from a file or URL."""
    stored = pipeline.store.article(item)
    if stored:
        return stored[0]
    from .ingest import read_inputs
    from .prepare import prepare

    for found in read_inputs([item], pipeline.settings.read_limits()):
        if isinstance(found, Rejection):
            raise InputError(found.origin, found.reason)
        return prepare(found)
    raise InputError(item, "no article found")


@cli.command()
@click.argument("what", type=click.Choice(["articles", "stories"]))
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="File to write (default stdout).",
)
@click.pass_context
def export(ctx: click.Context, what: str, fmt: str, output: object) -> None:
    """Export articles or stories as JSON Lines or CSV."""
    store = _reading(ctx).store
    records: Iterator[dict[str, object]]
    records = article_records(store) if what == "articles" else story_records(store)
    count = write_records(records, output, fmt)  # type: ignore[arg-type]
    click.echo(f"exported {count} {what}", err=True)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--open-reads/--token-reads",
    default=None,
    help="Whether reading needs the token too. Default: open on localhost, token elsewhere.",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, open_reads: bool | None) -> None:
    """Serve the web pages, Atom feeds and REST API (/api); writes need NEWSWEAVE_TOKEN."""
    import uvicorn

    from .web import create_app

    token = os.environ.get("NEWSWEAVE_TOKEN") or None
    reads = _is_loopback(host) if open_reads is None else open_reads
    if not reads and not token:
        why = (
            "--token-reads was given"
            if open_reads is False
            else f"{host} is reachable beyond this machine"
        )
        raise click.UsageError(
            f"{why}, so reading needs a token: set NEWSWEAVE_TOKEN, or pass --open-reads"
        )
    # On loopback, only loopback names: a DNS-rebinding page names its own host (RELIABILITY.md).
    loopback_names = ["localhost", "127.0.0.1", "::1", host] if _is_loopback(host) else None
    listening = _listen(host, port)  # before anything says "serving": a busy port fails here
    app = create_app(ctx.obj, token=token, open_reads=reads, allowed_hosts=loopback_names)
    writes = "on (token set)" if token else "off (set NEWSWEAVE_TOKEN to allow POST /api/articles)"
    where = redacted(ctx.obj.db)  # a terminal or a service log must not show the password
    click.echo(f"newsweave serving {where} at http://{host}:{port}/  writes {writes}", err=True)
    uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning")).run(
        sockets=[listening]
    )


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, handed to uvicorn; a clear error when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, not 0: asyncio turns Nagle off (TCP_NODELAY) only on a connection whose
    # socket says TCP, and with Nagle on, every answer on a kept-alive connection waited out the
    # client's delayed ACK, ~40 ms, for its body (BENCHMARKS.md, Reads under load).
    listening = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listening.setsockopt(
        socket.SOL_SOCKET, socket.SO_REUSEADDR, 1
    )  # as uvicorn does: restart after a stop
    try:
        listening.bind((host, port))
    except OSError as exc:
        listening.close()
        reason = "it is in use (another server?)" if exc.errno == errno.EADDRINUSE else exc.strerror
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {reason}; choose another with --port"
        ) from None
    listening.listen(2048)
    listening.set_inheritable(True)
    return listening


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@cli.command("migrate")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("target")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def migrate_command(source: str, target: str, quiet: bool) -> None:
    """Copy the SQLite store SOURCE into the PostgreSQL database TARGET (postgresql://…).

    Stories and decisions are copied as they are, not recomputed; running it again copies
    only what is new or changed, so an interrupted migration is finished by a re-run.
    """
    if not target.startswith(POSTGRES_SCHEMES):
        raise click.UsageError(f"TARGET must be a postgresql:// URL, not {target!r}")
    from .store.to_postgres import migrate  # psycopg is loaded only for PostgreSQL

    with render.copy_progress(enabled=not quiet) as tick:
        results = migrate(source, target, progress=tick)
    render.copied(results)


def main() -> None:
    """Run the CLI, mapping newsweave's errors to messages and exit codes."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except NewsweaveError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
