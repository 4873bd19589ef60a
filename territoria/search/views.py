"""The search page: thin — parse, authorise, call the selector, render."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_safe

from territoria.core.decorators import territory_view
from territoria.search.registry import search_kinds
from territoria.search.selectors import search


@territory_view("search.search")
@require_safe
def search_page(request, territory):
    text = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    results = search(territory=territory, query=text, kinds=[kind] if kind else None,
                     user=request.user, page=request.GET.get("page", 1))
    template = "search/search.html#results" if request.htmx else "search/search.html"
    return render(request, template, {
        "results": results, "q": results.query.text if text else "", "kind": kind,
        "kinds": search_kinds(),
        "all_count": sum(c.count for c in results.counts),
        "pagination_query": urlencode({"q": results.query.text, "kind": kind}),
        "typed": "q" in request.GET,  # an empty box submitted gets the message too
    })
