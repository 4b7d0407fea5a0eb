package dev.toolyard.queries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Fields and parameters as the JSON arrays the tables keep, so their order survives. */
@Component
class QueryJson {

    private final JsonMapper json;

    QueryJson(JsonMapper json) {
        this.json = json;
    }

    String writeFields(List<FieldTemplate> fields) {
        return json.writeValueAsString(fieldMaps(fields));
    }

    List<FieldTemplate> readFields(String text) {
        var fields = new ArrayList<FieldTemplate>();
        for (JsonNode field : json.readTree(text)) {
            fields.add(new FieldTemplate(field.get("name").asString(), field.get("template").asString()));
        }
        return fields;
    }

    String writeParameters(List<DeclaredParameter> parameters) {
        return json.writeValueAsString(parameterMaps(parameters));
    }

    List<DeclaredParameter> readParameters(String text) {
        var parameters = new ArrayList<DeclaredParameter>();
        for (JsonNode parameter : json.readTree(text)) {
            var defaultValue = parameter.get("defaultValue");
            parameters.add(new DeclaredParameter(parameter.get("name").asString(), parameter.get("description").asString(),
                    defaultValue == null || defaultValue.isNull() ? null : json.treeToValue(defaultValue, Object.class),
                    parameter.get("secret").asBoolean()));
        }
        return parameters;
    }

    /** For audit entries too: plain maps and lists, in order. */
    static List<Map<String, Object>> fieldMaps(List<FieldTemplate> fields) {
        return fields.stream().map(field -> {
            var map = new LinkedHashMap<String, Object>();
            map.put("name", field.name());
            map.put("template", field.template());
            return (Map<String, Object>) map;
        }).toList();
    }

    static List<Map<String, Object>> parameterMaps(List<DeclaredParameter> parameters) {
        return parameters.stream().map(parameter -> {
            var map = new LinkedHashMap<String, Object>();
            map.put("name", parameter.name());
            map.put("description", parameter.description());
            map.put("defaultValue", parameter.defaultValue());
            map.put("secret", parameter.secret());
            return (Map<String, Object>) map;
        }).toList();
    }
}
