"""The registry of phase extensions: how the apps built on the case kernel plug into it.

The kernel (this app) owns the case: its state, lock and version, timeline, terms, conversation,
documents and contact person. A phase of the process built on it (the assessment, the agreements,
execution and evaluation) is one app that registers one `Extension` in its `AppConfig.ready()`:

- `guards`: preconditions named in the workflow table (`Transition.guards`);
- `effects`: what an action of the workflow table changes besides the phase;
- `steps`: actions of the workflow table that are taken on one of its own dossier pages;
- `event_kinds`: the kinds of timeline event it writes, with how they are shown (a label);
- `actions`: its dossier pages and actions, from which both the challengers' URLs
  (/<slug>/uitdagingen/<ref>/dossier/<path>) and the staff URLs
  (/<slug>/beheer/uitdagingen/<ref>/<path>) are generated;
- `public_sections`: what it adds to the public challenge page;
- `feeds`: its entries in the municipality's feed of decisions (e.g. evaluations);
- `periodic`: what `uitdaagrecht check_terms` runs for it every few minutes (e.g. escalating
  overdue advice), each idempotent and safe to run twice at once.

The kernel never names an extension: its URLs, dossier and timeline loop over the registry.
Like Open Formulieren's plugin registries, registering a name twice is refused.
"""

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

CHALLENGERS = "challengers"
STAFF = "staff"
EVERYONE = frozenset({CHALLENGERS, STAFF})

# guard(challenge, **details) -> what is missing, in words for the actor, or None.
Guard = Callable[..., str | None]


@dataclass(frozen=True)
class Outcome:
    """What an action's effect changed besides the phase, and how people are told."""

    fields: tuple[str, ...] = ()  # the challenge's fields it set
    data: dict = field(default_factory=dict)  # goes on the transition event
    notice: str = ""  # notifications.Kind for the participants; default: a new phase
    text: object = None  # the notification's text (gettext_lazy); default: a new phase
    params: dict = field(default_factory=dict)  # for the text, besides {reference} and {title}
    then: Callable | None = None  # after the event is written: then(challenge, actor, now)
    # The term of the new phase when the extension sets it (e.g. the first reporting moment).
    deadline: datetime.datetime | None = None


# effect(challenge, *, actor, now, reason, **details) -> Outcome; runs under the row lock.
Effect = Callable[..., Outcome]


@dataclass(frozen=True)
class DossierAction:
    """A page or an action of a challenge's dossier, for the challengers, staff, or both.

    Either `view(request, challenge, staff, **url kwargs)` handles it, or it is a form and a
    service: `form(challenge, data, files)` (unbound when data is None) and
    `service(challenge, actor, cleaned_data)`; a form with errors comes back with what was typed,
    a refused one with the reason, a stale one with "this challenge has changed".
    """

    name: str  # URL names: challenges:dossier_<name> and workspace:challenge_<name>
    path: str  # below the dossier, e.g. "afspraken/<int:number>/ondertekenen/"
    title: object
    audience: frozenset[str] = EVERYONE
    view: Callable | None = None
    form: Callable | None = None
    service: Callable | None = None
    permission: str = ""  # on the challenge: who sees its link and may use it
    done: object = ""  # the message after success
    intro: object = ""  # what its own page explains
    post_only: bool = True  # False: GET shows a page of its own
    # Where the dossier links to it: "section" (the phase's pages), "more" (staff actions).
    placement: str = ""
    available: Callable[[object], bool] = lambda challenge: True

    def url_name(self, *, staff: bool) -> str:
        return f"workspace:challenge_{self.name}" if staff else f"challenges:dossier_{self.name}"


@dataclass(frozen=True)
class FeedItem:
    """An entry of a municipality's feed of decisions (the decisions themselves, evaluations)."""

    kind: str
    title: str
    description: str
    link: str  # a path on the site
    published: datetime.datetime
    author: str = ""  # who decided or evaluated: a body or an organisation, never a person


# section(challenge) -> (template name, context), or None: a part of the public challenge page.
Section = Callable[[object], tuple[str, dict] | None]


@dataclass(frozen=True)
class Extension:
    name: str
    guards: Mapping[str, Guard] = field(default_factory=dict)
    effects: Mapping[str, Effect] = field(default_factory=dict)
    steps: Mapping[str, str] = field(default_factory=dict)  # workflow action -> dossier action
    event_kinds: Sequence[tuple[str, object]] = ()
    actions: Sequence[DossierAction] = ()
    public_sections: Sequence[Section] = ()
    # name -> job(now=...) -> the things it acted on (counted in check_terms' report).
    periodic: Mapping[str, Callable[..., list]] = field(default_factory=dict)
    # feed(municipality, limit) -> its newest FeedItems for the municipality's decisions feed.
    feeds: Sequence[Callable[..., list]] = ()


class Registry:
    def __init__(self) -> None:
        self._extensions: dict[str, Extension] = {}
        self.guards: dict[str, Guard] = {}
        self.effects: dict[str, Effect] = {}
        self.steps: dict[str, DossierAction] = {}
        self.event_kinds: dict[str, object] = {}
        self.actions: dict[str, DossierAction] = {}
        self.public_sections: list[Section] = []
        self.periodic: dict[str, Callable[..., list]] = {}
        self.feeds: list[Callable[..., list]] = []

    def __iter__(self):
        return iter(self._extensions.values())

    def __contains__(self, name: str) -> bool:
        return name in self._extensions

    def register(self, extension: Extension) -> Extension:
        """Add an extension; a name that is taken already (the extension's, a guard's, an
        effect's action, an event kind's or a dossier action's) is refused, and nothing of the
        extension is added."""
        self._refuse_taken(extension)
        self._extensions[extension.name] = extension
        self.guards.update(extension.guards)
        self.effects.update(extension.effects)
        self.event_kinds.update(extension.event_kinds)
        self.actions.update((a.name, a) for a in extension.actions)
        self.steps.update((step, self.actions[name]) for step, name in extension.steps.items())
        self.public_sections.extend(extension.public_sections)
        self.periodic.update(extension.periodic)
        self.feeds.extend(extension.feeds)
        return extension

    def _refuse_taken(self, extension: Extension) -> None:
        own_actions = {a.name for a in extension.actions}
        taken = [
            (what, name)
            for what, names, registered in [
                ("extension", [extension.name], self._extensions),
                ("guard", extension.guards, self.guards),
                ("effect of the action", extension.effects, self.effects),
                ("event kind", [k for k, _label in extension.event_kinds], self.event_kinds),
                ("dossier action", [a.name for a in extension.actions], self.actions),
                ("periodic job", extension.periodic, self.periodic),
            ]
            for name in names
            if name in registered
        ]
        taken += [("dossier action", n) for n in extension.steps.values() if n not in own_actions]
        if len(own_actions) != len(extension.actions):
            taken.append(("dossier action", "twice in one extension"))
        if taken:
            what, name = taken[0]
            raise ImproperlyConfigured(
                f"Extension {extension.name!r}: the {what} {name!r} is taken or unknown."
            )

    def actions_for(self, audience: str) -> list[DossierAction]:
        return [a for a in self.actions.values() if audience in a.audience]


registry = Registry()


def event_kind_choices() -> list[tuple[str, object]]:
    """The choices of Event.kind: the kernel's own kinds and those of every extension."""
    return list(registry.event_kinds.items())


class _EventKinds:
    """The registered event kinds as (kind, label) pairs, read when used (the OpenAPI schema
    names their enum with it: settings.SPECTACULAR_SETTINGS)."""

    def __iter__(self):
        return iter(event_kind_choices())

    def __bool__(self) -> bool:
        return bool(registry.event_kinds)


EVENT_KINDS = _EventKinds()


def effect_of(action: str) -> Effect:
    return registry.effects.get(action, _no_effect)


def _no_effect(challenge, *, actor, now: datetime.datetime, reason: str, **details) -> Outcome:
    return Outcome()
