"""The demo territory's comments: a short discussion under two contributions of the
diagnostic board, so that a visitor sees a thread with a reply. Idempotent: nothing is
created when the territory already has comments."""

from django.db import transaction
from django.utils.translation import gettext as _

from territoria.accounts.models import User
from territoria.comments.models import Comment
from territoria.comments.services import comment_create
from territoria.core.models import Territory
from territoria.diagnostic.models import DiagnosticItem

# (title of the contribution, [(author, text, index of the comment answered or None)])
THREADS = [
    ("Les jeunes partent faire leurs études et ne reviennent pas", [
        ("local-actor@demo.territoria.example",
         "C'est aussi une question de logement : un studio à Crest coûte presque autant "
         "qu'à Valence.", None),
        ("resident@demo.territoria.example",
         "Tout à fait. Et sans voiture, impossible de rejoindre la gare le soir.", 0),
        ("elected@demo.territoria.example",
         "Le conseil communautaire étudie deux pistes :\n\n- des logements pour les "
         "apprentis\n- un *tiers-lieu* avec des postes de télétravail", None),
    ]),
    ("Sécheresses à répétition", [
        ("project-lead@demo.territoria.example",
         "Le syndicat de rivière publie les débits chaque semaine : "
         "https://www.gesteau.fr/", None),
    ]),
]


@transaction.atomic
def demo_comments(territory: Territory) -> list[str]:
    """Give the demo's contributions a few comments if the territory has none."""
    if Comment.objects.filter(territory=territory).exists():
        return []
    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.territoria.example")}
    count = 0
    for title, messages in THREADS:
        item = DiagnosticItem.objects.filter(territory=territory, title=title,
                                             status=DiagnosticItem.Status.PUBLISHED).first()
        if item is None:
            continue
        written: list[Comment] = []
        for email, text, answers in messages:
            if email not in people:
                continue
            parent = written[answers] if answers is not None and answers < len(written) else None
            written.append(comment_create(author=people[email], target=item, body=text,
                                          parent=parent))
            count += 1
    return [_("%(count)d comments on the diagnostic's contributions") % {"count": count}
            ] if count else []
