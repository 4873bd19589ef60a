"""Background work of the Agorapolis."""

from django.tasks import task


@task
def announce_answer(*, answer_id: int, publish_at: str) -> dict:
    """Run at the time an official answer becomes public (queued with ``run_after``): tell
    the proposal's author and followers (``services.answer_announce``)."""
    from territoria.agora.services import answer_announce

    return {"answer": answer_id, "told": answer_announce(answer_id=answer_id,
                                                         publish_at=publish_at)}
