package dev.toolyard.sso;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.xpath.XPathExpressionException;

import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.util.SchemaFactory;

/**
 * java-saml's response, read against the URL the identity provider had to address (the space's
 * public ACS URL, not whatever host name the request arrived by behind a proxy). It adds what
 * java-saml keeps to itself: the request the response says it answers (read before validation only
 * to find that request among the session's), and the SAML schema check with the schema compiled
 * once — java-saml compiles the XSDs again for every response, which cost about 40 ms of the ~50 ms
 * a sign-in took (BENCHMARKS.md, issue 7); its own check is therefore switched off.
 */
final class SamlResponseMessage extends SamlResponse {

    private static final Schema PROTOCOL = compile();

    SamlResponseMessage(Saml2Settings settings, String acsUrl, String encodedResponse) throws Exception {
        super(settings, acsUrl, encodedResponse);
    }

    /**
     * Where java-saml's checks and getters query this response (most of its XPath queries; the status,
     * the response's issuer, one signature query and Santuario's go through java-saml's Util directly,
     * unchanged): answered by {@link SamlXPath}, expressions compiled once.
     */
    @Override
    protected NodeList query(String expression, Node context) throws XPathExpressionException {
        return SamlXPath.query(getSAMLResponseDocument(), expression, context);
    }

    /** The InResponseTo of the response, or null for an IdP-initiated (unsolicited) one. */
    String inResponseTo() {
        var root = getSAMLResponseDocument().getDocumentElement();
        return root.hasAttribute("InResponseTo") ? root.getAttribute("InResponseTo") : null;
    }

    /** Whether the response is valid against saml-schema-protocol-2.0.xsd, as java-saml's strict mode checks it. */
    boolean matchesSchema() {
        try {
            var validator = PROTOCOL.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            validator.validate(new DOMSource(getSAMLResponseDocument()));
            return true;
        } catch (Exception invalid) {
            return false;
        }
    }

    private static Schema compile() {
        try {
            return SchemaFactory.loadFromUrl(SchemaFactory.SAML_SCHEMA_PROTOCOL_2_0);
        } catch (SAXException e) {
            throw new IllegalStateException("java-saml's SAML schema could not be read", e);
        }
    }
}
