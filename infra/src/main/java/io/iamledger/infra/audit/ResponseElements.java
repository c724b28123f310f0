package io.iamledger.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * CloudTrail's {@code requestParameters} and {@code responseElements} from what the server saw and answered:
 * lower-camel names, lists as arrays, secrets as {@link AuditRecord#HIDDEN}. Thread-safe.
 */
public final class ResponseElements {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final XMLInputFactory XML = newFactory();

    private ResponseElements() {}

    /** The request's parameters (from {@code QueryParameters.asTree()}), redacted; null when there are none. */
    public static JsonNode requestParameters(Map<String, Object> tree) {
        return tree.isEmpty() ? JSON.nullNode() : redact(tree);
    }

    /**
     * The members of the {@code <ActionResult>} element of an awsQuery response, redacted; JSON null when the
     * response has no result (e.g. {@code AttachUserPolicy}).
     */
    public static JsonNode fromQueryResponse(String xml) {
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new StringReader(xml));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().endsWith("Result")
                            && reader.getLocalName().length() > "Result".length()) {
                        JsonNode result = element(reader);
                        return result.isObject() && result.isEmpty() ? JSON.nullNode() : result;
                    }
                }
                return JSON.nullNode();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not an awsQuery response: " + e.getMessage(), e);
        }
    }

    /** The element the reader is on, read to its end: text, an object of members, or a list of {@code member}s. */
    private static JsonNode element(XMLStreamReader reader) throws XMLStreamException {
        ObjectNode object = null;
        ArrayNode list = null;
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName();
                JsonNode child = element(reader);
                if (name.equals("member")) {
                    list = list == null ? JSON.arrayNode() : list;
                    list.add(child);
                } else {
                    object = object == null ? JSON.objectNode() : object;
                    String key = lowerCamel(name);
                    object.set(key, Redaction.isSecret(name) ? JSON.textNode(AuditRecord.HIDDEN) : child);
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        if (list != null) {
            return list;
        }
        return object != null ? object : JSON.textNode(text.toString());
    }

    @SuppressWarnings("unchecked")
    private static JsonNode redact(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = JSON.objectNode();
            ((Map<String, Object>) map).forEach((name, member) ->
                    object.set(name, Redaction.isSecret(name) ? JSON.textNode(AuditRecord.HIDDEN) : redact(member)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JSON.arrayNode();
            list.forEach(member -> array.add(redact(member)));
            return array;
        }
        return JSON.textNode(String.valueOf(value));
    }

    private static String lowerCamel(String name) {
        return name.isEmpty() || !Character.isUpperCase(name.charAt(0)) ? name
                : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
