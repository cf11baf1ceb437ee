package dev.defactify.function.web;

import dev.defactify.function.testing.HttpClientSupport;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.TestModels;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's files as the server answers them, and the headers every answer carries. */
class WebPageTest {
    static ApplicationContext context;
    static HttpClientSupport http;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder().properties(Map.of("model.uri", TestModels.small().toString(),
                "micronaut.server.port", -1)).start();
        http = new HttpClientSupport(URI.create(context.getBean(EmbeddedServer.class).start().getURL() + "/"));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void thePageAndItsTwoFilesAreServedWithTheirTypes() {
        assertEquals("text/html;charset=utf-8", get("").headers().firstValue("Content-Type").orElseThrow());
        assertEquals("text/javascript;charset=utf-8", get("web/app.js").headers().firstValue("Content-Type")
                .orElseThrow());
        assertEquals("text/css;charset=utf-8", get("web/app.css").headers().firstValue("Content-Type").orElseThrow());
        String page = get("").body();
        // Relative: deployed, the page is under the stage's path (/prod/), where /web/app.js would miss.
        assertTrue(page.contains("<script src=\"web/app.js\" defer></script>"), page);
        assertTrue(page.contains("<link rel=\"stylesheet\" href=\"web/app.css\">"), page);
    }

    /** The policy the page is written for; the browser test proves the page works under it. */
    @ParameterizedTest
    @ValueSource(strings = {"", "web/app.js", "health", "v1/model", "no/such/route"})
    void everyAnswerCarriesTheStrictPolicy(String path) {
        HttpResponse<String> response = get(path);
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY,
                response.headers().firstValue("Content-Security-Policy").orElseThrow(), path);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(SecurityHeaders.CONTENT_SECURITY_POLICY.contains("script-src 'self';"));
        assertFalse(SecurityHeaders.CONTENT_SECURITY_POLICY.contains("unsafe"), "no inline code, no eval");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web/nothing.js", "web/index.html", "web/..%2Fapplication.properties",
            "web/%2E%2E%2Flogback.xml"})
    void onlyThePagesOwnFilesAreServed(String path) {
        HttpResponse<String> response = get(path);
        assertEquals(404, response.statusCode(), path + ": " + response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertFalse(response.body().contains("application") || response.body().contains("logback"),
                "the name asked for is not echoed: " + response.body());
    }

    /** Offline and under the policy: nothing the page loads or calls may name another host, or be inline. */
    @Test
    void thePageNamesNoOtherHostAndHasNoInlineCode() {
        for (String file : new String[] {"", "web/app.js", "web/app.css"}) {
            String body = get(file).body();
            Matcher url = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}").matcher(body);
            if (url.find()) {
                throw new AssertionError(file + " names another host: " + url.group());
            }
            assertFalse(body.matches("(?is).*@import.*|.*@font-face.*"), file + " loads styles or fonts");
        }
        String page = get("").body();
        assertFalse(Pattern.compile("(?i)<script(?![^>]*\\bsrc=)").matcher(page).find(), "inline script");
        assertFalse(Pattern.compile("(?i)\\son[a-z]+=|\\sstyle=|<style").matcher(page).find(),
                "inline handler or style");
    }

    /** Every element the script looks up by id is on the page, and every route it calls is one the server has. */
    @Test
    void theScriptFindsItsElementsAndCallsRoutesThatExist() {
        String page = get("").body();
        String script = get("web/app.js").body();
        Set<String> ids = new TreeSet<>();
        Matcher lookup = Pattern.compile("getElementById\\('([^']+)'\\)").matcher(script);
        while (lookup.find()) {
            ids.add(lookup.group(1));
        }
        assertFalse(ids.isEmpty());
        for (String id : ids) {
            assertTrue(page.contains("id=\"" + id + "\""), "the page has no element " + id);
        }
        Matcher route = Pattern.compile("(?:call|fetch)\\('([^'?]+)").matcher(script);
        Set<String> routes = new TreeSet<>();
        while (route.find()) {
            routes.add(route.group(1));
        }
        assertEquals(Set.of("health", "v1/detections", "v1/detections:batch"), routes, "relative, and no others");
        assertEquals("UP", Json.parse(get("health").body()).get("status").asText());
    }

    static HttpResponse<String> get(String path) {
        return http.get(path);
    }
}
