from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from territoria.geo import selectors, services
from territoria.geo.forms import ReferentialUploadForm
from territoria.geo.selectors import commune_search, epci_search


def search(request):
    query = request.GET.get("q", "")[:100]
    communes = commune_search(query=query) if query.strip() else []
    epcis = epci_search(query=query, limit=10) if query.strip() else []
    template = "geo/search.html#results" if request.htmx else "geo/search.html"
    return render(request, template, {"query": query, "communes": communes, "epcis": epcis})


@login_required
def referential_upload(request):
    """Platform operators load a new version of the referential, in the background."""
    if not request.user.has_perm("geo.load_referential"):
        raise PermissionDenied
    posted = request.method == "POST"
    form = ReferentialUploadForm(request.POST if posted else None,
                                 request.FILES if posted else None)
    if posted and form.is_valid():
        job = services.referential_upload_start(user=request.user,
                                                upload=form.cleaned_data["file"],
                                                language=get_language())
        return redirect("core:job-detail", job_id=job.pk)
    current = selectors.referential_version_current()
    counts = {
        "caption": _("Records in the loaded referential"),
        "headers": [_("Kind"), _("Number")],
        "rows": [[label, intcomma(current.counts.get(key, 0))]
                 for key, label in services.count_labels().items()] if current else [],
    }
    history = {
        "caption": _("The last ten loads, latest first"),
        "headers": [_("Loaded on"), _("Source"), _("Communes"), _("EPCI"), _("Checksum")],
        "rows": [[version.loaded_at, version.source,
                  intcomma(version.counts.get("communes_current", 0)),
                  intcomma(version.counts.get("epcis", 0)), version.checksum[:12]]
                 for version in selectors.referential_version_list(limit=10)],
    }
    return render(request, "geo/referential_upload.html", {
        "form": form, "current": current, "counts": counts, "history": history,
    })
