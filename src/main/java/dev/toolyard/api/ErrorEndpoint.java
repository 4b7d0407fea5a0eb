package dev.toolyard.api;

import java.io.IOException;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet container's error page: errors that never reached a controller (unknown routes,
 * container limits, filters) become problem JSON under {@code /api/} or for clients that do not
 * ask for HTML, and a plain page in the console. Never a stack trace.
 */
@Controller
class ErrorEndpoint implements ErrorController {

    private final ProblemResponses problems;

    ErrorEndpoint(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (isApi(request)) {
            problem(request, response);
            return null;
        }
        int code = status(request);
        var status = HttpStatus.resolve(code);
        var page = new ModelAndView("error", status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status);
        page.addObject("status", code);
        page.addObject("title", status == null ? "Error" : status.getReasonPhrase());
        return page;
    }

    @RequestMapping("/error")
    void problem(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var error = ApiError.ofStatus(status(request));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail = switch (error.status()) {
            case 404 -> "There is no resource at " + uri + ".";
            case 401 -> "Sign in or send an access token.";
            case 413 -> "The request is too large.";
            default -> error.title() + ".";
        };
        problems.write(request, response, error, detail);
    }

    private static boolean isApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri != null && uri.toString().startsWith(request.getContextPath() + "/api/");
    }

    private static int status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return code instanceof Integer value ? value : 500;
    }
}
