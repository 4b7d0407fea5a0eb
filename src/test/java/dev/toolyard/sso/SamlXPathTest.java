package dev.toolyard.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;

import dev.toolyard.shared.SpaceId;

/**
 * {@link SamlXPath} answers java-saml's own queries exactly as java-saml's Util.query does: the same
 * DOM nodes, not copies (java-saml and Santuario go on working on them), in the same order; and it
 * changes nothing for anyone else in the JVM.
 */
class SamlXPathTest {

    private static final String PERSON = "ada@saml-xpath.test";

    private final SpaceId space = new SpaceId(UUID.randomUUID());
    private final SamlServiceProvider serviceProvider = TestServiceProviders.at("https://toolyard.test");
    private final TestIdentityProvider idp = TestIdentityProvider.trusted("https://idp.saml-xpath.test");
    private final Saml2Settings settings = serviceProvider.forProvider(space, new SamlProviderSettings(
            new IdentityProviderId(UUID.randomUUID()), space, "Test IdP", idp.entityId(),
            "https://idp.saml-xpath.test/sso", List.of(idp.certificatePem()), "mail", "givenName", "sn", "memberOf"));

    @Test
    void answersEveryQueryOfJavaSamlsChecksWithTheSameNodesInTheSameOrder() throws Exception {
        for (boolean responseSigned : new boolean[] { false, true }) {
            var recorded = recordedQueries(signed(responseSigned));

            assertThat(recorded).as("java-saml's queries").hasSizeGreaterThan(20)
                    .anyMatch(query -> query.expression().contains("[@ID='"));
            for (var query : recorded) {
                var ours = SamlXPath.query(query.document(), query.expression(), query.context());
                assertSameNodes(ours, query.nodes(), query.expression());
                assertThat(ours.getClass()).as("answered by SamlXPath itself: " + query.expression())
                        .isNotEqualTo(query.answeredBy());
            }
        }
    }

    @Test
    void theResponseReadThroughItAcceptsAndReadsWhatJavaSamlAcceptsAndReads() throws Exception {
        String encoded = signed(false);
        var response = new SamlResponseMessage(settings, serviceProvider.acsUrl(space), encoded);
        var plain = new SamlResponse(settings, serviceProvider.acsUrl(space), encoded);

        assertThat(response.isValid(null)).as(String.valueOf(response.getValidationException())).isTrue();
        assertThat(plain.isValid(null)).isTrue();
        assertThat(response.getNameId()).isEqualTo(plain.getNameId()).isEqualTo(PERSON);
        assertThat(response.getAttributes()).isEqualTo(plain.getAttributes()).containsKey("memberOf");
        assertThat(response.getAssertionNotOnOrAfter()).isEqualTo(plain.getAssertionNotOnOrAfter()).isNotEmpty();
        assertThat(response.getAssertionId()).isEqualTo(plain.getAssertionId()).startsWith("_a");
        assertThat(response.getSessionIndex()).isEqualTo(plain.getSessionIndex());
    }

    @Test
    void selectsUnionsAndSignedIdsAsJavaSamlsXPathDoesInDocumentOrder() throws Exception {
        Document document = Util.loadXML(new String(Util.base64decoder(signed(true))));
        String assertion = "/samlp:Response//saml:Assertion[@ID='"
                + ((Element) document.getElementsByTagNameNS(Constants.NS_SAML, "Assertion").item(0)).getAttribute("ID")
                + "']";
        for (String expression : List.of(
                assertion + "/saml:Subject/saml:EncryptedID/saml:NameID|" + assertion + "/saml:Subject/saml:NameID",
                assertion + "/saml:AttributeStatement/saml:Attribute | /samlp:Response/saml:Issuer",
                "/samlp:Response/saml:Assertion | /samlp:Response/saml:Issuer | /samlp:Response/samlp:Status",
                "//ds:Signature", "//saml:Issuer", assertion + "/saml:AuthnStatement[@SessionIndex]",
                "/samlp:Response[@ID='nobody']/saml:Assertion", "/samlp2:Response/saml2:Assertion")) {
            assertSameNodes(SamlXPath.query(document, expression, null), nodes(Util.query(document, expression)),
                    expression);
        }
        assertThat(nodes(SamlXPath.query(document,
                "/samlp:Response/saml:Assertion | /samlp:Response/saml:Issuer | /samlp:Response/samlp:Status", null)))
                .extracting(Node::getLocalName).containsExactly("Issuer", "Status", "Assertion");
    }

    @Test
    void anIdThatWouldChangeTheExpressionIsEvaluatedAsWrittenAsJavaSamlWould() throws Exception {
        Document document = Util.loadXML(new String(Util.base64decoder(signed(false))));
        for (String expression : List.of(
                "/samlp:Response//saml:Assertion[@ID='x' or '1'='1']/saml:Subject/saml:NameID",
                "/samlp:Response//saml:Assertion[@ID='x'] | /samlp:Response[@ID='y']",
                "/samlp:Response//saml:Assertion[@ID='$id']/saml:Subject/saml:NameID",
                "/samlp:Response//saml:Assertion[@ID=\"x\"]/saml:Subject/saml:NameID")) {
            var javaSamls = Util.query(document, expression);
            var ours = SamlXPath.query(document, expression, null);
            assertSameNodes(ours, nodes(javaSamls), expression);
            assertThat(ours.getClass()).as("java-saml's own answer: " + expression).isEqualTo(javaSamls.getClass());
        }
        assertThat(SamlXPath.query(document, "/samlp:Response//saml:Assertion[@ID='x' or '1'='1']/saml:Subject/saml:NameID",
                null).getLength()).isEqualTo(1);
    }

    @Test
    void threadsQueryingAtOnceEachReadTheAssertionTheirExpressionNames() throws Exception {
        int threads = 4;
        var documents = new ArrayList<Document>();
        for (int i = 0; i < threads; i++) {
            documents.add(Util.loadXML(new String(Util.base64decoder(signed(false)))));
        }
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var answers = new ArrayList<Future<Boolean>>();
            for (var document : documents) {
                var assertion = (Element) document.getElementsByTagNameNS(Constants.NS_SAML, "Assertion").item(0);
                String expression = "/samlp:Response//saml:Assertion[@ID='" + assertion.getAttribute("ID")
                        + "']/saml:Subject/saml:NameID";
                Node nameId = assertion.getElementsByTagNameNS(Constants.NS_SAML, "NameID").item(0);
                answers.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        var nodes = SamlXPath.query(document, expression, null);
                        if (nodes.getLength() != 1 || nodes.item(0) != nameId) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var answer : answers) {
                assertThat(answer.get(1, TimeUnit.MINUTES)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyOtherXPathUserInTheJvmKeepsTheJdksOwn() throws Exception {
        SamlXml.pinJdkFactories();

        var factory = XPathFactory.newInstance();

        assertThat(factory.getClass().getName()).isEqualTo("com.sun.org.apache.xpath.internal.jaxp.XPathFactoryImpl");
        assertThat(factory.newXPath().getNamespaceContext()).isNull();
    }

    private String signed(boolean responseSigned) {
        Instant now = Instant.now();
        return idp.response(serviceProvider.acsUrl(space), serviceProvider.entityId(space), PERSON, now)
                .issuedAt(now, Duration.ofMinutes(5)).signResponse(responseSigned).attribute("mail", PERSON)
                .attribute("givenName", "Ada").attribute("memberOf", "devops", "navy").encoded();
    }

    /** What java-saml asked and what its own Util.query answered, while checking and reading a response. */
    private List<Query> recordedQueries(String encoded) throws Exception {
        var recorded = new ArrayList<Query>();
        var response = new SamlResponse(settings, serviceProvider.acsUrl(space), encoded) {
            @Override
            protected NodeList query(String expression, Node context) throws XPathExpressionException {
                var answer = super.query(expression, context);
                recorded.add(new Query(getSAMLResponseDocument(), expression, context, nodes(answer), answer.getClass()));
                return answer;
            }
        };
        assertThat(response.isValid(null)).as(String.valueOf(response.getValidationException())).isTrue();
        response.getAssertionId();
        response.getAssertionNotOnOrAfter();
        response.getNameIdData();
        response.getSessionIndex();
        response.getAttributes();
        return recorded;
    }

    private record Query(Document document, String expression, Node context, List<Node> nodes, Class<?> answeredBy) {
    }

    private static List<Node> nodes(NodeList list) {
        var nodes = new ArrayList<Node>();
        for (int i = 0; i < list.getLength(); i++) {
            nodes.add(list.item(i));
        }
        return nodes;
    }

    /** The very same DOM nodes, by identity, in the same order. */
    private static void assertSameNodes(NodeList actual, List<Node> expected, String expression) {
        assertThat(actual.getLength()).as(expression).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.item(i)).as(expression + " [" + i + "]").isSameAs(expected.get(i));
        }
    }
}
