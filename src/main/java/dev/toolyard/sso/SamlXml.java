package dev.toolyard.sso;

import java.io.ByteArrayInputStream;
import java.util.Base64;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * XML plumbing of the SAML endpoints, chosen from a profile of the sign-in benchmark (BENCHMARKS.md,
 * issue 7). java-saml asks JAXP for a new DocumentBuilderFactory per parse, and JAXP, with no system
 * property naming one, searches every jar's META-INF/services for a provider each time: a fifth of a
 * sign-in's CPU. No jar here provides one (the JDK's own is used in the end), so naming the JDK's own
 * up front changes no choice and skips the search. java-saml 2.9.0 names the JDK's XPathFactory class
 * itself, so the XPath name below spares the search only to other callers of
 * XPathFactory.newInstance() (Santuario's XPath transforms); java-saml's queries on a response go
 * through {@link SamlXPath}. An operator's own choice, set before start, is kept.
 */
final class SamlXml {

    private static final XMLInputFactory STREAMS = streams();

    private SamlXml() {
    }

    static void pinJdkFactories() {
        System.getProperties().putIfAbsent("javax.xml.parsers.DocumentBuilderFactory",
                "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl");
        System.getProperties().putIfAbsent("javax.xml.xpath.XPathFactory:http://java.sun.com/jaxp/xpath/dom",
                "com.sun.org.apache.xpath.internal.jaxp.XPathFactoryImpl");
    }

    /**
     * Whether a POSTed response names an AuthnRequest (InResponseTo on its root element), read from
     * the first element only, without building a document: it decides only whether to post the
     * response once more from Toolyard's page, never whether to trust it.
     */
    static boolean answersARequest(String encodedResponse) {
        try {
            var reader = STREAMS.createXMLStreamReader(new ByteArrayInputStream(
                    Base64.getMimeDecoder().decode(encodedResponse)));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        return reader.getAttributeValue(null, "InResponseTo") != null;
                    }
                }
                return false;
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | IllegalArgumentException unreadable) {
            return false;
        }
    }

    private static XMLInputFactory streams() {
        var factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
