from django.shortcuts import render

from territoria.geo.selectors import commune_search, epci_search


def search(request):
    query = request.GET.get("q", "")[:100]
    communes = commune_search(query=query) if query.strip() else []
    epcis = epci_search(query=query, limit=10) if query.strip() else []
    template = "geo/search.html#results" if request.htmx else "geo/search.html"
    return render(request, template, {"query": query, "communes": communes, "epcis": epcis})
