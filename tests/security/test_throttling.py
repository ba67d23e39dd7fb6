"""Failed sign-ins are limited per account and per address, each on its own (issue 13, item 11).
An account is locked at five failures (AXES_FAILURE_LIMIT), an address at thirty
(YJINSPECT_SIGN_IN_ADDRESS_LIMIT): the failure that reaches a limit is refused with 429."""

from __future__ import annotations

from django.test import Client


def _sign_in(client: Client, username: str, password: str, address: str) -> int:
    return client.post(
        "/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    ).status_code


def test_password_spraying_from_one_address_is_stopped(demo):
    """60 accounts, 4 guesses each, from one address: stopped at the address's thirtieth."""
    client = Client()
    statuses = [
        _sign_in(client, f"user{n}", f"guess{attempt}", "198.51.100.7")
        for attempt in range(4)
        for n in range(60)
    ]
    assert statuses[:29] == [200] * 29
    assert set(statuses[29:]) == {429}
    # The address is locked, whatever it claims in headers a client can write.
    forged = client.post(
        "/login/",
        {"username": "lead", "password": demo["passwords"]["lead"]},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.50",
        HTTP_X_REAL_IP="203.0.113.51",
    )
    assert forged.status_code == 429
    # Another address, and the accounts themselves, are not locked by it.
    assert _sign_in(Client(), "lead", demo["passwords"]["lead"], "198.51.100.8") == 302


def test_one_account_from_many_addresses_is_stopped(demo):
    """30 addresses, one guess each, at one account: locked at the fifth, for every address."""
    statuses = [_sign_in(Client(), "lead", "wrong", f"192.0.2.{n}") for n in range(1, 31)]
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}
    client = Client()
    assert _sign_in(client, "lead", demo["passwords"]["lead"], "192.0.2.200") == 429
    assert "_auth_user_id" not in client.session
    # Other accounts still sign in from those addresses.
    assert _sign_in(Client(), "viewer", demo["passwords"]["viewer"], "192.0.2.1") == 302


def test_a_shared_office_address_is_not_locked_by_a_few_mistypes(demo):
    """A team behind one NAT: six people mistype twice each (12 failures from one address);
    their accounts and the address stay open, and the lead still signs in from there."""
    office = "203.0.113.9"
    for n in range(6):
        assert [_sign_in(Client(), f"colleague{n}", "typo", office) for _ in range(2)] == [200] * 2
    assert _sign_in(Client(), "lead", demo["passwords"]["lead"], office) == 302
