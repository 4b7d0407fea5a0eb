package dev.toolyard.sso;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.xml.xpath.XPathExpressionException;

import org.jaxen.JaxenException;
import org.jaxen.UnresolvableException;
import org.jaxen.dom.DOMXPath;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;

/**
 * java-saml's XPath queries on a response, each expression compiled once, by Jaxen (XPath 1.0 over
 * the DOM as it is) instead of the JDK's XPath, which java-saml asks for anew and which compiles the
 * expression, builds a DTM of the document and allocates about 300 KB of stacks for every one of
 * the ~40 queries of a response (BENCHMARKS.md, issue 7, "java-saml's XPath queries"). Same XPath
 * version, same prefixes, same expressions; the answer is the response's own DOM nodes in document
 * order, which java-saml and Santuario go on working with.
 *
 * <p>java-saml names the assertion it reads by the ID its signature references, written into the
 * expression ({@code /samlp:Response//saml:Assertion[@ID='…']/saml:Subject}), so most expressions
 * differ per response. An expression with exactly one such literal is compiled with {@code $id} in
 * its place and the ID bound at evaluation: {@code @ID = 'x'} and {@code @ID = $id} with {@code $id}
 * the string {@code x} are the same comparison. Any other expression with a literal (another quote
 * in the ID, more literals, a {@code $}) goes to java-saml's own {@code Util.query} as written, so an
 * ID crafted to change the expression changes it exactly as it would without this class.
 */
final class SamlXPath {

    /** java-saml's own expressions are about 20; more are expressions nobody wrote, which are not kept. */
    private static final int CACHED_EXPRESSIONS = 64;
    /** Evaluators kept between queries: about one per request thread busy with a sign-in at once. */
    private static final BlockingQueue<Evaluator> IDLE = new ArrayBlockingQueue<>(64);
    private static final String SIGNED_ID_START = "[@ID='";
    private static final String SIGNED_ID_END = "']";

    private SamlXPath() {
    }

    /** What java-saml's {@code Util.query(document, expression, context)} answers. */
    static NodeList query(Document document, String expression, Node context) throws XPathExpressionException {
        var template = Template.of(expression);
        if (template == null) {
            return Util.query(document, expression, context);
        }
        var evaluator = IDLE.poll();
        if (evaluator == null) {
            evaluator = new Evaluator();
        }
        try {
            var nodes = evaluator.select(template, context == null ? document : context);
            return nodes != null ? nodes : Util.query(document, expression, context);
        } finally {
            IDLE.offer(evaluator);
        }
    }

    /** An expression with its signed-element ID, if any, taken out as {@code $id}. */
    private record Template(String expression, String id) {

        static Template of(String expression) {
            int start = expression.indexOf(SIGNED_ID_START);
            if (start < 0) {
                return literalFree(expression) ? new Template(expression, null) : null;
            }
            int end = expression.indexOf(SIGNED_ID_END, start + SIGNED_ID_START.length());
            if (end < 0) {
                return null;
            }
            String before = expression.substring(0, start);
            String id = expression.substring(start + SIGNED_ID_START.length(), end);
            String after = expression.substring(end + SIGNED_ID_END.length());
            if (!literalFree(before) || !literalFree(id) || !literalFree(after)) {
                return null;
            }
            return new Template(before + "[@ID=$id]" + after, id);
        }

        /** No string literal and no variable: nothing in it can be an ID or be taken for {@code $id}. */
        private static boolean literalFree(String part) {
            return part.indexOf('\'') < 0 && part.indexOf('"') < 0 && part.indexOf('$') < 0;
        }
    }

    /** Compiled expressions and the ID they are evaluated with: not for two threads at once. */
    private static final class Evaluator {

        private final Map<String, DOMXPath> compiled = new HashMap<>();
        private String id;

        /** The nodes the template selects from {@code context}, or null for one beyond the cache or not a node-set. */
        NodeList select(Template template, Node context) throws XPathExpressionException {
            try {
                var xpath = compiled.get(template.expression());
                if (xpath == null) {
                    if (compiled.size() >= CACHED_EXPRESSIONS) {
                        return null;
                    }
                    xpath = compile(template.expression());
                    compiled.put(template.expression(), xpath);
                }
                id = template.id();
                List<?> selected;
                try {
                    selected = xpath.selectNodes(context);
                } finally {
                    id = null;
                }
                // A node-set, as every expression java-saml writes selects; anything else is Util.query's to refuse.
                return selected.stream().allMatch(Node.class::isInstance) ? new Nodes(selected) : null;
            } catch (JaxenException e) {
                throw new XPathExpressionException(e);
            }
        }

        private DOMXPath compile(String expression) throws JaxenException {
            var xpath = new DOMXPath(expression);
            xpath.setNamespaceContext(Evaluator::javaSamlNamespace);
            xpath.setVariableContext((namespaceUri, prefix, localName) -> {
                if (id == null || !"id".equals(localName) || (prefix != null && !prefix.isEmpty())) {
                    throw new UnresolvableException("$" + localName);
                }
                return id;
            });
            return xpath;
        }

        /** The prefixes of java-saml's NamespaceContext in Util.query, which its expressions use. */
        private static String javaSamlNamespace(String prefix) {
            return switch (prefix) {
                case "samlp", "samlp2" -> Constants.NS_SAMLP;
                case "saml", "saml2" -> Constants.NS_SAML;
                case "ds" -> Constants.NS_DS;
                case "xenc" -> Constants.NS_XENC;
                case "md" -> Constants.NS_MD;
                default -> null;
            };
        }
    }

    /** Jaxen's answer, a list of the DOM's own nodes in document order, as the NodeList java-saml reads. */
    private record Nodes(List<?> nodes) implements NodeList {

        @Override
        public Node item(int index) {
            return index >= 0 && index < nodes.size() ? (Node) nodes.get(index) : null;
        }

        @Override
        public int getLength() {
            return nodes.size();
        }
    }
}
