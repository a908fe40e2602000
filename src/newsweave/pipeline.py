"""The only module that wires the stages together: read, prepare, embed, cluster, store."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import TYPE_CHECKING, BinaryIO, Literal
from urllib.parse import urlparse

import numpy as np

from .cluster import (
    OnlineClusterer,
    apply_corrections,
    article_features,
    latest_entry,
    snapshot,
)
from .config import Settings
from .embed import Embedder, open_embedder
from .ingest import read_inputs
from .ingest.warc import RECORD_MARK
from .ledger import TranslationFinder
from .models import Article, Decision, RawDocument, Rejection, TranslationLink
from .prepare import Prepared, embedding_text, prepare_input, stored_vector
from .prepare_pool import PreparePool
from .store import Alias, Batch, Store, StoreWriter, open_store

if TYPE_CHECKING:  # dask is an extra, imported only when a run uses a cluster
    from .parallel import Cluster

Progress = Callable[[RawDocument | Article | Rejection], None]


Outcome = Literal["new", "duplicate", "updated"]
"""What became of one input: stored as a new article, a copy of a stored one, or its update."""


@dataclass
class Summary:
    """What one ingest run did."""

    new: int = 0
    duplicate: int = 0
    updated: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(
        default_factory=list
    )  # repairs worth knowing, e.g. an encoding guessed
    new_stories: int = 0
    # (article id, "new" | "duplicate" | "updated") for each input, only when the caller asks
    # (the API answers a POST with them): a backfill of a million would keep ~150 MB of them.
    articles: list[tuple[str, Outcome]] | None = None


class Pipeline:
    """Ingests articles into a store, assigning each to a story as it arrives."""

    def __init__(
        self,
        settings: Settings,
        store: Store | None = None,
        embedder: Embedder | None = None,
        freeze_gc: bool = False,
    ) -> None:
        """``freeze_gc``: move the clusterer's state out of the cyclic garbage collector's sight
        once restored and after each committed batch (``gc.freeze``). It freezes the whole
        process, so the caller that owns it decides: a long batch run (``newsweave ingest``, the
        scale bench) passes True — at 100k stories the collector's re-scans cost a fifth of the
        clustering time; at gva-dev's 2.9k it changes nothing (CPU 34 s with, 30 s without, peak
        RSS 168 MB both, load 10); a server, whose other threads hold their own objects, not."""
        self.settings = settings
        self.freeze_gc = freeze_gc
        self.store = store or open_store(settings.db)
        self.embedder = embedder or open_embedder(settings.embedder, max_chars=settings.embed_chars)
        self.translations = TranslationFinder(self.embedder)
        self._clusterer: OnlineClusterer | None = None
        self._seen_seq = 0  # the newest stored article the clusterer has taken in
        self._snapshot_seq = 0  # the article the store's snapshot was taken at
        self.notes: list[str] = []  # what a run should tell, e.g. a snapshot that could not be read

    def load_clusterer(self) -> OnlineClusterer:
        """The clusterer, its state rebuilt from the store at the first call (then kept).

        From the store's snapshot when it has one made under these settings, then by
        replaying the articles stored after it; else by replaying every article. The first
        call can be long (about 2 ms an article replayed).
        """
        if self._clusterer is None:
            # Read before the replay: a correction made during it is applied again after (harmless).
            corrected = latest_entry(self.store)
            self._clusterer = self._from_snapshot(self._new_clusterer())
            if (
                not self._snapshot_seq
            ):  # replayed from scratch: the stored stories reflect every entry
                self._clusterer.corrections_seen_ = corrected
            self.catch_up()
            if self.freeze_gc:  # the restored state lives as long as the run (see _Run.flush)
                gc.freeze()
        return self._clusterer

    def _new_clusterer(self) -> OnlineClusterer:
        # An empty partial_fit sets the learned state up, so an empty store has one too.
        return OnlineClusterer(
            weights=self.settings.weights,
            dim=self.embedder.dim,
            live_stories=self.settings.live_stories,
        ).partial_fit([])

    def _from_snapshot(self, clusterer: OnlineClusterer) -> OnlineClusterer:
        kept = self.store.load_snapshot(snapshot.fingerprint(clusterer, self.embedder.identity))
        if kept is None:
            return clusterer
        seq, data = kept
        try:
            snapshot.load(data, clusterer)
        except Exception as exc:  # any fault in stored bytes: replaying everything is always right
            self.notes.append(
                f"the store's clusterer snapshot could not be read ({exc}); replayed every article instead"
            )
            return self._new_clusterer()
        self._seen_seq = self._snapshot_seq = seq
        return clusterer

    def save_snapshot_when_due(self) -> None:
        """Keep the clusterer's state in the store once enough articles came since the last.

        Enough: ``settings.snapshot_every``, or as many as there are live stories, so that
        writing the state (which grows with them) stays a small part of the work.
        """
        clusterer = self._clusterer
        if clusterer is None:
            return
        due = max(self.settings.snapshot_every, len(clusterer.stories_))
        if self._seen_seq - self._snapshot_seq < due:
            return
        fingerprint = snapshot.fingerprint(clusterer, self.embedder.identity)
        self.store.save_snapshot(self._seen_seq, fingerprint, snapshot.dump(clusterer))
        self._snapshot_seq = self._seen_seq

    def catch_up(self) -> int:
        """Replay into the clusterer the articles stored since it last looked; returns how many.

        Another process writing to the same store founds and grows stories too: calling
        this under the write lock, before assigning a batch, makes every batch see every
        article committed before it, so two writers never found two stories for one event.
        """
        clusterer = self.load_clusterer()
        count = 0
        for seq, article, story_id in self.store.replay_since(self._seen_seq):
            vector = stored_vector(article, self.embedder)
            clusterer.restore(article_features(article, vector), story_id)
            self._seen_seq = seq
            count += 1
        apply_corrections(
            clusterer, self.store, lambda a: article_features(a, stored_vector(a, self.embedder))
        )
        return count

    def ingest(
        self,
        paths: Iterable[str],
        stdin: BinaryIO | None = None,
        progress: Progress | None = None,
        cluster: Cluster | None = None,
    ) -> Summary:
        """Read ``paths``, and store every new article with its story, batch by batch.

        One bad input is recorded as a rejection and the run goes on; each batch is
        committed whole, so a killed run loses at most the batch in flight. With a
        ``cluster``, its workers read, prepare and embed the inputs; their results come
        back in input order and are assigned to stories here, as a single process would.
        """
        if cluster is None:
            resumed = StoredRecords(self.store)
            items = read_inputs(
                paths, self.settings.read_limits(), stdin=stdin, skip_record=resumed
            )
            summary = self.ingest_documents(items, progress, workers=self.settings.prepare_workers)
            if resumed.skipped:
                summary.notes.append(
                    f"{resumed.skipped} WARC records stored by an earlier run were skipped"
                )
            return summary
        summary = Summary()
        run = _Run(self, summary)
        for done, notes in cluster.prepare(
            paths, self.settings.read_limits(), self.settings.embedder, self.settings.embed_chars
        ):
            if progress:
                progress(done)
            run.take_prepared(done, notes)
        run.flush()
        return summary

    def ingest_documents(
        self,
        items: Iterable[RawDocument | Rejection],
        progress: Callable[[RawDocument | Rejection], None] | None = None,
        list_articles: bool = False,
        summary: Summary | None = None,
        workers: int = 0,
    ) -> Summary:
        """Store documents already read (e.g. posted to the API), as ``ingest`` does.

        With ``list_articles``, the summary lists each stored input's article id and status.
        With ``workers``, a run of more than a batch is prepared and embedded on that many
        worker processes while this one assigns and commits (see prepare_pool).
        ``summary``: the one to fill, which ``progress`` may read as it grows.
        """
        summary = summary or Summary(articles=[] if list_articles else None)
        run = _Run(self, summary)
        for item, prepared in self._prepared(items, workers):
            if progress:
                progress(item)
            run.take_prepared(*prepared)
        run.flush()
        return summary

    def _prepared(
        self, items: Iterable[RawDocument | Rejection], workers: int
    ) -> Iterator[tuple[RawDocument | Rejection, Prepared]]:
        """Each input with its prepared result, in order: here, or on worker processes when
        there are more inputs than one batch (starting them costs more than a batch gains)."""
        settings, source = self.settings, iter(items)
        first = list(islice(source, settings.batch_size + 1))
        # Workers open the embedder the settings name: one handed in that differs stays here.
        if not workers or len(first) <= settings.batch_size or not self._workers_read_alike():
            yield from ((i, prepare_input(i, settings.max_chars)) for i in chain(first, source))
            return
        # The pool forks before the clusterer's first replay: the workers start preparing while
        # this process replays, and do not inherit its state.
        embedder = (settings.embedder, settings.embed_threads, settings.embed_chars)
        with PreparePool(workers, *embedder) as pool:
            yield from pool.prepare(chain(first, source), settings.max_chars)

    def _workers_read_alike(self) -> bool:
        """Whether the embedder workers open (the one the settings name; opening is cheap, the
        model loads on first use) reads as this pipeline's does."""
        settings = self.settings
        named = open_embedder(settings.embedder, max_chars=settings.embed_chars)
        return named.identity == self.embedder.identity

    def _assign(self, articles: list[Article]) -> Batch:
        """Assign already embedded articles to stories, in order."""
        batch = Batch()
        clusterer = self.load_clusterer()
        for article in articles:
            vector = np.asarray(article.embedding, dtype=np.float32)
            decision = clusterer.assign(article_features(article, vector))
            batch.new.append((article, decision))
        return batch

    def commit(self, new: list[Article], batch: Batch) -> Batch:
        """Under the write lock: catch up on other writers, assign ``new``, write all.

        ``new`` articles are embedded already (outside the lock: it is the slow part).
        One that another writer stored meanwhile becomes an alias of that article;
        one whose URL another writer stored becomes an update of it.
        """
        self.load_clusterer()  # the first, full replay runs before the lock: it can be long
        with self.store.writing():
            self.catch_up()
            fresh: list[Article] = []
            for article in new:
                stored = self.store.article_id_by_hash(article.content_hash)
                existing = (
                    update_target(self.store, article, None, self.notes) if not stored else None
                )
                target = stored or existing
                if target:  # aliases queued to this article follow it to the stored one
                    batch.aliases = [
                        replace(a, article_id=target) if a.article_id == article.id else a
                        for a in batch.aliases
                    ]
                if stored:
                    batch.aliases.append(
                        Alias(stored, article.external_id, article.origin, article.url)
                    )
                elif existing:
                    article.id = existing
                    batch.updated.append(article)
                else:
                    fresh.append(article)
            batch.new = self._assign(fresh).new
            batch.translations = self._translation_links(batch.new)
            self.store.write(batch)
            # Everything up to here is either caught up or ours, and ours is in the clusterer.
            self._seen_seq = self.store.last_seq()
        self.save_snapshot_when_due()
        return batch

    def _translation_links(self, new: list[tuple[Article, Decision]]) -> list[TranslationLink]:
        """Which new articles translate (or are translated by) another article of their story.

        Found here, once, because it needs sentence vectors (too slow for a page read); a
        story's stored articles are read only when it has one in another language.
        """
        stored: dict[str, list[Article]] = {}
        batch_peers: dict[str, list[Article]] = {}
        links: list[TranslationLink] = []
        for article, decision in new:
            story = decision.story_id
            others = batch_peers.setdefault(story, [])
            if not decision.new_story and self._other_languages(story, article):
                if story not in stored:
                    stored[story] = [a for a, _ in self.store.story_articles(story)]
                others = stored[story] + others
            links += self.translations.links(article, others)
            batch_peers[story].append(article)
        return links

    def _other_languages(self, story_id: str, article: Article) -> bool:
        """Whether the clusterer knows the story in a language other than ``article``'s."""
        clusterer = self.load_clusterer()
        index = clusterer.story_index_.get(story_id)
        state = clusterer.stories_.get(index) if index is not None else None
        return state is None or any(lang != article.lang for lang in state.lexical_count)

    def vectors(self, articles: Sequence[Article]) -> list[np.ndarray]:
        """Each article's embedding: the one a cluster worker computed, else computed here, in one call."""
        missing = [a for a in articles if a.embedding is None]
        computed = iter(
            self.embedder.encode([embedding_text(a) for a in missing]) if missing else ()
        )
        return [
            next(computed) if a.embedding is None else np.asarray(a.embedding, np.float32)
            for a in articles
        ]


class StoredRecords:
    """Which WARC records an earlier run stored, so a resumed backfill passes over them unread.

    A record is done once its origin (``a.warc.gz#record 7``) is stored as an article, an
    alias or a rejection: all three are committed in the batch that took the record, so a
    killed run leaves each record either wholly stored or not at all. Archives do not change,
    so a stored record never needs reading again; files and URLs can, and are always read.
    """

    def __init__(self, store: StoreWriter) -> None:
        self.store = store
        self.skipped = 0
        # Only the archive being read: archives are read one after the other, and keeping
        # every archive's origins would grow with the backfill (~100 bytes a record).
        self._archive = ""
        self._stored: set[str] = set()  # the stored record origins of ``_archive``

    def __call__(self, origin: str) -> bool:
        archive = origin.rpartition(RECORD_MARK)[0] + RECORD_MARK
        if archive != self._archive:  # one query an archive, at its first record
            self._archive, self._stored = archive, self.store.stored_origins(archive)
        done = origin in self._stored
        self.skipped += done
        return done


def update_target(
    store: Store, article: Article, in_run: Article | None, notes: list[str]
) -> str | None:
    """The stored (or queued, ``in_run``) article that ``article`` updates: the one with its URL
    from the same provenance; None when there is none, and then it is a new article.

    A page can claim any URL (its canonical link, a record's ``url`` field). Another source's
    claim never replaces what is stored: it is kept apart as a new article, with a note.
    """
    if not article.url:
        return None
    if in_run is None:
        found_id = store.article_id_by_url(article.url)
        found = store.article(found_id) if found_id else None
        if found is None:
            return None
        in_run = found[0]
    if provenance(in_run) == provenance(article):
        return in_run.id
    notes.append(
        f"{article.origin}: claims {article.url}, stored as {in_run.id} from "
        f"{in_run.source or in_run.origin}; kept apart as a new article (only the same source updates it)"
    )
    return None


def provenance(article: Article) -> str:
    """Who vouches for an article's URL: the site it was read from, or its source.

    A page fetched, or archived in a WARC record, was served by its URL's host (a canonical
    link to another host is not taken, see ingest.html). Anything else (a file, a record, a
    feed entry, a post to the API) only claims its URL: its source vouches (a local page's
    source is its site name, else its path; a record's is its ``source`` field).
    """
    origin, host = article.origin, urlparse(article.url or "").hostname or ""
    record = origin.partition(RECORD_MARK)[2]
    fetched = origin.startswith(("http://", "https://")) and "#" not in origin
    # Fetched, only when the URL is on the host asked: a JSON object fetched can claim any URL.
    if record.isdigit() or (fetched and urlparse(origin).hostname == host):
        return "site " + host
    return "source " + (article.source or "")


class _Run:
    """The state of one ingest run: the batch being filled and what was seen in it."""

    def __init__(self, pipeline: Pipeline, summary: Summary) -> None:
        self.pipeline = pipeline
        self.summary = summary
        self.pending: list[Article] = []
        self.updates: list[Article] = []
        self.rejected: list[Rejection] = []
        self.hashes: dict[str, str] = {}  # content hash -> article id, for this run's articles
        self.aliases: list[Alias] = []
        self.urls: dict[str, Article] = {}  # URL -> the first of this run's new articles with it

    def take_prepared(self, item: Article | Rejection, notes: Sequence[str]) -> None:
        """Queue one prepared input (see prepare.prepare_input), with the notes on reading it."""
        self.summary.notes.extend(notes)
        self._take_prepared(item)
        self._flush_when_full()

    def _flush_when_full(self) -> None:
        if len(self.pending) + len(self.updates) >= self.pipeline.settings.batch_size:
            self.flush()

    def _take_prepared(self, article: Article | Rejection) -> None:
        if isinstance(article, Rejection):
            self.rejected.append(article)
            return
        if not article.text.strip():  # e.g. only control characters, which cleaning removes
            self.rejected.append(Rejection(article.origin, "no text left after cleaning"))
            return
        store = self.pipeline.store
        same = self.hashes.get(article.content_hash) or store.article_id_by_hash(
            article.content_hash
        )
        if same:
            self.summary.duplicate += 1
            self._list(same, "duplicate")
            self.aliases.append(Alias(same, article.external_id, article.origin, article.url))
            return
        existing = update_target(
            store, article, self.urls.get(article.url or ""), self.summary.notes
        )
        if existing:
            article.id = existing  # same page, new text: an update keeps its id and story
            self.updates.append(article)
            self._list(existing, "updated")
        else:
            self._list(article.id, "new")
            if article.url and article.url not in self.urls:
                self.urls[article.url] = article
            self.pending.append(article)
        # After the id is settled: a later copy of this text becomes an alias of the id it is stored under.
        self.hashes[article.content_hash] = article.id

    def _list(self, article_id: str, status: Outcome) -> None:
        if self.summary.articles is not None:
            self.summary.articles.append((article_id, status))

    def flush(self) -> None:
        """Embed, cluster and commit what is queued, in one transaction."""
        if not (self.pending or self.updates or self.rejected or self.aliases):
            return
        pipeline = self.pipeline
        queued = self.pending + self.updates
        for article, vector in zip(queued, pipeline.vectors(queued), strict=True):
            if article.embedding is None:  # else a worker embedded it, and said with what
                article.embedding, article.embedded_by = vector.tolist(), pipeline.embedder.identity
        batch = Batch(updated=self.updates, rejected=self.rejected, aliases=self.aliases)
        aliases_before = len(self.aliases)
        batch = pipeline.commit(self.pending, batch)
        self.summary.new += len(batch.new)
        self.summary.new_stories += sum(1 for _, d in batch.new if d.new_story)
        self.summary.updated += len(batch.updated)
        self.summary.duplicate += (
            len(batch.aliases) - aliases_before
        )  # stored by another writer meanwhile
        self.summary.rejected.extend(self.rejected)
        self.pending, self.updates, self.rejected, self.aliases = [], [], [], []
        # Committed now, so the store answers for them: kept here they grew with the run
        # (~300 bytes an article, 300 MB over a million).
        self.hashes.clear()
        self.urls.clear()
        # A page kept apart from another source's URL is noted when queued and again at commit.
        self.summary.notes.extend(n for n in pipeline.notes if n not in self.summary.notes)
        pipeline.notes.clear()
        # What a batch leaves behind (story sums, postings) lives as long as the run: freezing
        # it keeps the cyclic collector from re-scanning a growing heap (at 100k stories it
        # cost a fifth of the clustering time). Our objects are freed by reference counts.
        if pipeline.freeze_gc:
            gc.freeze()
