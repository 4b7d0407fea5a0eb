// T-ID2: the SAML ACS answers the identity provider's cross-site POST with this page, whose form
// posts the same response again from Toolyard's own origin, so the browser now sends the SameSite=Lax
// session cookie that holds the sign-in request. Without JavaScript the person presses Continue.
document.getElementById('saml-continue')?.submit();
