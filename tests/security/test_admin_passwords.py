"""Nobody sets another person's password (issue 13, item 12): an administrator who could would
know it and sign in as a lead. New accounts and forgotten passwords get a reset link that only
the account's owner receives."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.test import Client

NEW_PASSWORD = "a long passphrase nobody else knows"


def _link(message) -> str:
    found = re.search(r"https?://[^/\s]+(/password-reset/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def _set_password_from(link: str, client: Client) -> None:
    form_page = client.get(link, follow=True)  # Django moves the token out of the address
    assert form_page.status_code == 200 and b"Set your password" in form_page.content
    done = client.post(form_page.redirect_chain[-1][0], {
        "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD,
    })  # fmt: skip
    assert done.status_code == 302 and done.url == "/password-reset/done/"


def test_an_administrator_cannot_set_a_team_members_password(demo, as_user):
    lead = get_user_model().objects.get(username="lead")
    before = lead.password
    admin = as_user("admin")
    page = admin.get(f"/admin/auth/user/{lead.pk}/change/").content.decode()
    assert "/password/" not in page and 'name="password"' not in page
    assert admin.get(f"/admin/auth/user/{lead.pk}/password/").status_code == 403
    refused = admin.post(f"/admin/auth/user/{lead.pk}/password/", {
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true",
    })  # fmt: skip
    assert refused.status_code == 403
    lead.refresh_from_db()
    assert lead.password == before
    # Their own, they may change.
    me = get_user_model().objects.get(username="admin")
    assert admin.get(f"/admin/auth/user/{me.pk}/password/").status_code == 200


def test_a_new_account_gets_a_link_not_a_password(demo, as_user, mailoutbox):
    admin = as_user("admin")
    added = admin.post("/admin/auth/user/add/", {"username": "newinspector",
                                                  "email": "new@inspectorate.example"})  # fmt: skip
    assert added.status_code == 302, added.content.decode()[:2000]
    user = get_user_model().objects.get(username="newinspector")
    assert not user.has_usable_password()
    assert [m.to for m in mailoutbox] == [["new@inspectorate.example"]]
    # Said as what it is: a new account, not a reset the person never asked for.
    assert "account" in mailoutbox[0].subject.lower() and "reset" not in mailoutbox[0].subject
    assert "requested" not in mailoutbox[0].body and "newinspector" in mailoutbox[0].body
    client = Client()
    _set_password_from(_link(mailoutbox[0]), client)
    signed_in = client.post("/login/", {"username": "newinspector", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session


def test_the_admin_sends_a_reset_link_and_the_owner_uses_it(demo, as_user, mailoutbox):
    lead = get_user_model().objects.get(username="lead")
    lead.email = "lead@inspectorate.example"
    lead.save()
    admin = as_user("admin")
    admin.post("/admin/auth/user/", {"action": "send_password_reset_link",
                                     "_selected_action": [lead.pk]})  # fmt: skip
    assert [m.to for m in mailoutbox] == [["lead@inspectorate.example"]]
    _set_password_from(_link(mailoutbox[0]), Client())
    lead.refresh_from_db()
    assert lead.check_password(NEW_PASSWORD)


def test_a_forgotten_password_is_reset_by_email(demo, mailoutbox):
    lead = get_user_model().objects.get(username="lead")
    lead.email = "lead@inspectorate.example"
    lead.save()
    client = Client()
    assert b"Forgotten your password?" in client.get("/login/").content
    for email in ("LEAD@inspectorate.example", "nobody@example.com"):
        sent = client.post("/password-reset/", {"email": email})
        assert sent.status_code == 302 and sent.url == "/password-reset/sent/"  # says nothing
    assert [m.to for m in mailoutbox] == [["lead@inspectorate.example"]]
    assert "Check your email" in client.get("/password-reset/sent/").content.decode()
