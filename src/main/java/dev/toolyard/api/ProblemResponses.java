package dev.toolyard.api;

import java.io.IOException;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.toolyard.shared.FieldProblem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes an {@link ApiProblem} from places that run before any controller, such as filters. */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiError error, String detail)
            throws IOException {
        write(request, response, error, detail, List.of());
    }

    void write(HttpServletRequest request, HttpServletResponse response, ApiError error, String detail,
            List<FieldProblem> errors) throws IOException {
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), ApiProblem.of(error, detail, originalUri(request), errors));
    }

    private static String originalUri(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return forwarded == null ? request.getRequestURI() : forwarded.toString();
    }

    /** API requests get problem JSON; everything else is the console and gets HTML pages. */
    public static boolean isApiRequest(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/");
    }
}
