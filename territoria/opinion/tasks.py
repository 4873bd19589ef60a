"""Background work of the opinion maps: recomputing a conversation's map."""

from django.tasks import task


@task
def recompute_map(*, conversation_id: int) -> dict:
    """Recompute and store the opinion map of a conversation (``services.map_compute``).
    Queued at most once at a time per conversation by the votes (debounced)."""
    from territoria.opinion.services import map_compute

    result = map_compute(conversation_id=conversation_id)
    return {"conversation": conversation_id, "status": result.status}
