import io

import pytest

from territoria.opinion.domain.polis_format import (
    PolisFormatError,
    read_groups,
    read_moderated_out,
    read_votes,
)


def test_votes_are_read_in_the_order_they_were_cast():
    text = ("timestamp,datetime,comment-id,voter-id,vote\n"
            "300,x,1,7,-1\n100,x,1,7,1\n200,x,2,8,0\n")
    assert read_votes(io.StringIO(text)) == [(7, 1, 1), (8, 2, 0), (7, 1, -1)]


def test_a_malformed_vote_says_where():
    text = "timestamp,datetime,comment-id,voter-id,vote\n100,x,1,7,2\n"
    with pytest.raises(PolisFormatError, match="line 2"):
        read_votes(io.StringIO(text))
    with pytest.raises(PolisFormatError, match="voter-id"):
        read_votes(io.StringIO("timestamp,comment-id,vote\n1,1,1\n"))


def test_moderated_out_comments_are_those_marked_minus_one():
    text = ("timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
            "1,x,0,3,1,0,1,fine\n2,x,1,3,0,4,-1,\"out, sadly\"\n3,x,2,4,0,0,0,waiting\n")
    assert read_moderated_out(io.StringIO(text)) == {1}


def test_participants_without_a_group_are_left_out():
    text = "participant,group-id,n-comments,n-votes\n0,1,0,9\n1,,0,2\n2,0,1,12\n"
    assert read_groups(io.StringIO(text)) == {0: 1, 2: 0}
