"""What the benchmark scripts need of a running UnionDesk: sign in as a demo user (changing the first password)
and return the session cookie; read a page's CSRF token. Standard library only."""
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request


class Browser:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        with self.opener.open(self.base + path) as r:
            return r.geturl(), r.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(urllib.request.Request(self.base + path, data=data)) as r:
            return r.geturl(), r.read().decode()

    @staticmethod
    def csrf(html):
        m = re.search(r'name="_csrf" value="([^"]+)"', html)
        assert m, "no CSRF token on the page"
        return m.group(1)

    def sign_in(self, username, password, new_password):
        """Signs in; a first sign-in changes the password to new_password. Returns the session cookie header."""
        _, html = self.get("/login")
        url, html = self.post("/login", {"_csrf": self.csrf(html), "username": username, "password": password, "next": "/"})
        if "/password" in url:
            url, html = self.post("/password", {
                "_csrf": self.csrf(html), "currentPassword": password, "newPassword": new_password,
                "confirmPassword": new_password})
        assert "/login" not in url and "/password" not in url, f"sign-in as {username} failed at {url}"
        return self.cookie()

    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar if c.name.endswith("ud_session"))


if __name__ == "__main__":
    # bench_client.py BASE USERNAME PASSWORD NEW_PASSWORD -> prints "Cookie: ud_session=…"
    base, user, password, new = sys.argv[1:5]
    print("Cookie: " + Browser(base).sign_in(user, password, new))
