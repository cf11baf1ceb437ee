package dev.defactify.infra;

import static dev.defactify.infra.TemplateNodes.map;
import static dev.defactify.infra.TemplateNodes.strings;
import static dev.defactify.infra.TemplateNodes.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.defactify.testing.cloudformation.CloudFormationYaml;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml, checked offline against the code it deploys: the handlers and environment variables are read from
 * the packaged jar itself (the artifact Lambda gets), the routes from the controllers in it. No linter that knows
 * AWS::Serverless can be installed here, so the invariants the deployment relies on are asserted directly.
 */
class ServingTemplateTest {

  static final Path ROOT = Path.of("..");
  static final Path TEMPLATE = ROOT.resolve("template.yaml");
  static final Path FUNCTION_JAR = ROOT.resolve("function/target/defactify-function.jar");
  static final String INPUT_BUCKET = "${AWS::StackName}-input-${AWS::AccountId}-${AWS::Region}";
  static final String RESULTS_BUCKET = "${AWS::StackName}-results-${AWS::AccountId}-${AWS::Region}";
  /** What the contract decodes (ImagePreprocessor), in the spellings cameras and browsers write. */
  static final Set<String> IMAGE_SUFFIXES = Set.of(".jpg", ".jpeg", ".JPG", ".JPEG", ".png", ".PNG", ".webp", ".gif",
      ".bmp");
  private static final Pattern S3_OBJECT_ARN = Pattern.compile("^arn:\\$\\{AWS::Partition}:s3:::(.+?)/(.+)$");

  static Map<String, Object> template;
  static Map<String, Object> parameters;
  static Map<String, Object> resources;
  static Map<String, Object> conditions;
  static URLClassLoader jar;

  @BeforeAll
  static void load() throws IOException {
    template = CloudFormationYaml.load(TEMPLATE);
    parameters = map(template.get("Parameters"));
    resources = map(template.get("Resources"));
    conditions = map(template.get("Conditions"));
    assertTrue(Files.isRegularFile(FUNCTION_JAR), FUNCTION_JAR + " is missing: these tests check the packaged "
        + "function; build it first (./mvnw -pl function -am package -DskipTests, or the full ./mvnw verify)");
    jar = new URLClassLoader(new URL[] {FUNCTION_JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  @AfterAll
  static void close() throws IOException {
    jar.close();
  }

  @Test
  void templateIsASamApplicationWithItsSections() {
    assertEquals("2010-09-09", template.get("AWSTemplateFormatVersion"));
    assertEquals("AWS::Serverless-2016-10-31", template.get("Transform"));
    for (String section : List.of("Parameters", "Conditions", "Globals", "Resources", "Outputs")) {
      assertNotNull(template.get(section), section);
    }
    List<String> grouped = new ArrayList<>();
    for (Object group : (List<?>) map(map(template.get("Metadata")).get("AWS::CloudFormation::Interface"))
        .get("ParameterGroups")) {
      grouped.addAll(strings(map(group).get("Parameters")));
    }
    assertEquals(new TreeSet<>(parameters.keySet()), new TreeSet<>(grouped), "every parameter is in a console group");
  }

  @Test
  void everyRefSubGetAttAndConditionIsDefined() {
    Set<String> aliases = new HashSet<>();
    functions().keySet().forEach(function -> aliases.add(function + ".Alias"));
    assertEquals(List.of(), TemplateNodes.undefinedReferences(template, aliases));
  }

  @Test
  void everyHandlerExistsInThePackagedJarAsALambdaEntryPoint() throws Exception {
    Class<?> requestHandler = jar.loadClass("com.amazonaws.services.lambda.runtime.RequestHandler");
    Class<?> streamHandler = jar.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
    Map<String, String> handlers = new LinkedHashMap<>();
    functions().forEach((name, function) -> handlers.put(name, (String) properties(function).get("Handler")));
    assertEquals(Set.of("DetectionApiFunction", "S3EventFunction", "BatchOperationsFunction"), handlers.keySet());
    for (Map.Entry<String, String> entry : handlers.entrySet()) {
      // "class" or "class::method"; the runtime interface client resolves both (LambdaRuntimeIT runs them)
      String[] parts = entry.getValue().split("::");
      assertTrue(parts.length <= 2, entry.getKey() + ": Handler is class or class::method");
      Class<?> handler = Class.forName(parts[0], false, jar);
      assertTrue(requestHandler.isAssignableFrom(handler) || streamHandler.isAssignableFrom(handler),
          entry.getKey() + ": " + handler + " is neither a RequestHandler nor a RequestStreamHandler");
      String method = parts.length == 2 ? parts[1] : "handleRequest";
      assertTrue(java.util.Arrays.stream(handler.getMethods()).anyMatch(m -> m.getName().equals(method)),
          entry.getKey() + ": no public " + method);
      if (parts.length == 2) {
        // With class::method the runtime decodes the event into that method's declared first parameter: one that is
        // a type variable (Micronaut's generic handleRequest) would get a Map instead of the event.
        assertTrue(java.util.Arrays.stream(handler.getMethods()).filter(m -> m.getName().equals(method))
            .anyMatch(m -> m.getParameterCount() > 0
                && !(m.getGenericParameterTypes()[0] instanceof java.lang.reflect.TypeVariable<?>)),
            entry.getKey() + ": " + entry.getValue() + " names a generic method; name the class alone");
      }
      // the runtime instantiates the handler through its public no-argument constructor
      assertNotNull(handler.getConstructor(), entry.getKey());
    }
  }

  @Test
  void functionsRunJava21OrNewerWithSnapStartOnAPublishedAlias() {
    Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
    assertTrue(Set.of("java21", "java25").contains(globals.get("Runtime")), "runtime " + globals.get("Runtime"));
    assertEquals(Map.of("ApplyOn", "PublishedVersions"), globals.get("SnapStart"));
    assertEquals("live", globals.get("AutoPublishAlias"));
    assertEquals(List.of(Map.of("Ref", "Architecture")), globals.get("Architectures"));
    assertEquals("x86_64", param("Architecture").get("Default"), "the measured architecture is the default");
    assertEquals(Map.of("Ref", "MemorySize"), globals.get("MemorySize"));
    functions().forEach((name, function) -> {
      Map<String, Object> properties = properties(function);
      for (String inherited : List.of("Runtime", "SnapStart", "AutoPublishAlias", "Environment", "CodeUri")) {
        assertFalse(properties.containsKey(inherited), name + " overrides the global " + inherited);
      }
      Object timeout = properties.get("Timeout");
      assertTrue(timeout.equals(Map.of("Ref", "ApiTimeout")) || timeout.equals(Map.of("Ref", "EventTimeout")),
          name + " timeout " + timeout);
    });
    assertEquals(29, param("ApiTimeout").get("MaxValue"), "API Gateway's integration timeout");
  }

  @Test
  void environmentIsExactlyWhatTheCodeReads() throws Exception {
    @SuppressWarnings("unchecked")
    Set<String> serving = (Set<String>) Class.forName("dev.defactify.function.config.ServingSettings", false, jar)
        .getField("VARIABLES").get(null);
    Set<String> read = new TreeSet<>(serving);
    read.addAll(logbackVariables());
    Map<String, Object> variables = map(map(map(map(template.get("Globals")).get("Function")).get("Environment"))
        .get("Variables"));
    assertEquals(read, new TreeSet<>(variables.keySet()));
    assertTrue(read.contains("LOG_LEVEL"), "logback reads LOG_LEVEL");
  }

  /** The variables logback's configuration in the jar substitutes (`${NAME:-default}`). */
  private static Set<String> logbackVariables() throws IOException {
    try (var in = jar.getResourceAsStream("logback.xml")) {
      assertNotNull(in, "logback.xml in the jar");
      Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:-[^}]*)?}").matcher(new String(in.readAllBytes()));
      Set<String> names = new TreeSet<>();
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
      return names;
    }
  }

  @Test
  void settingsComeFromParametersAndBucketNamesAreTheConventionalOnes() {
    Map<String, Object> variables = map(map(map(map(template.get("Globals")).get("Function")).get("Environment"))
        .get("Variables"));
    assertEquals(Map.of("Sub", RESULTS_BUCKET), Map.of("Sub", map(variables.get("RESULTS_BUCKET")).get("Fn::Sub")));
    assertEquals(Map.of("Ref", "ResultsPrefix"), variables.get("RESULTS_PREFIX"));
    List<?> allowed = (List<?>) map(variables.get("ALLOWED_BUCKETS")).get("Fn::If");
    assertEquals("HasBackfillBucket", allowed.get(0));
    assertEquals(INPUT_BUCKET + ",${BackfillBucket}", map(allowed.get(1)).get("Fn::Sub"));
    assertEquals(INPUT_BUCKET, map(allowed.get(2)).get("Fn::Sub"));
    List<?> model = (List<?>) map(variables.get("MODEL_URI")).get("Fn::If");
    assertEquals("s3://${ModelBucket}/${ModelPrefix}current.json", map(model.get(1)).get("Fn::Sub"));
    assertEquals("s3://${ModelBucket}/${ModelPrefix}${ModelVersion}/", map(model.get(2)).get("Fn::Sub"));
    assertEquals(INPUT_BUCKET, map(properties(resources.get("InputBucket")).get("BucketName")).get("Fn::Sub"));
    assertEquals(RESULTS_BUCKET, map(properties(resources.get("ResultsBucket")).get("BucketName")).get("Fn::Sub"));
    for (String limit : List.of("MAX_IMAGE_BYTES", "MAX_IMAGE_PIXELS", "MAX_BATCH_ITEMS", "ORT_INTRA_OP_THREADS",
        "MODEL_PRECISION", "LOG_LEVEL")) {
      assertTrue(map(variables.get(limit)).containsKey("Ref"), limit + " comes from a parameter");
    }
  }

  @Test
  void prefixParametersCanNeverBeEmptyOrTheWholeBucket() {
    for (String name : List.of("ModelPrefix", "InputPrefix", "ResultsPrefix")) {
      Pattern pattern = Pattern.compile((String) param(name).get("AllowedPattern"));
      assertFalse(pattern.matcher("").matches(), name + " accepts ''");
      assertFalse(pattern.matcher("/").matches(), name + " accepts '/'");
      assertFalse(pattern.matcher("uploads").matches(), name + " accepts a prefix without a trailing /");
      assertTrue(pattern.matcher(String.valueOf(param(name).get("Default"))).matches(), name + " default");
      assertTrue(pattern.matcher("team-a/images/").matches(), name);
    }
    assertFalse(param("InputPrefix").get("Default").equals(param("ResultsPrefix").get("Default")));
  }

  @Test
  void iamIsLeastPrivilege() {
    List<String> problems = new ArrayList<>();
    functions().forEach((name, function) -> {
      Object policies = properties(function).get("Policies");
      for (Object policy : (List<?>) policies) {
        if (!(policy instanceof Map<?, ?> document) || !document.containsKey("Statement")) {
          problems.add(name + ": a managed policy or policy template " + policy);
          continue;
        }
        for (Map<String, Object> statement : statements(document.get("Statement"))) {
          problems.addAll(statementProblems(name, statement));
        }
      }
    });
    Map<String, Object> jobPolicy = map(((List<?>) properties(resources.get("BatchOperationsJobRole"))
        .get("Policies")).get(0));
    for (Map<String, Object> statement : statements(map(jobPolicy.get("PolicyDocument")).get("Statement"))) {
      problems.addAll(statementProblems("BatchOperationsJobRole", statement));
    }
    assertEquals(List.of(), problems);
  }

  private static List<String> statementProblems(String where, Map<String, Object> statement) {
    List<String> problems = new ArrayList<>();
    String sid = where + "/" + statement.get("Sid");
    if (!"Allow".equals(statement.get("Effect")) || statement.containsKey("NotAction")
        || statement.containsKey("NotResource")) {
      problems.add(sid + ": only plain Allow statements");
    }
    List<String> actions = strings(statement.get("Action"));
    actions.stream().filter(a -> a.contains("*")).forEach(a -> problems.add(sid + ": wildcard action " + a));
    if (actions.stream().noneMatch(a -> a.startsWith("s3:"))) {
      return problems;
    }
    for (Object resource : statement.get("Resource") instanceof List<?> list ? list : List.of(statement.get("Resource"))) {
      if (!(resource instanceof Map<?, ?> intrinsic) || !intrinsic.containsKey("Fn::Sub")) {
        problems.add(sid + ": S3 resource must be a !Sub ARN, got " + resource);
        continue;
      }
      String arn = (String) intrinsic.get("Fn::Sub");
      String normalized = arn.replace("${InputBucket.Arn}", "arn:${AWS::Partition}:s3:::" + INPUT_BUCKET);
      Matcher matcher = S3_OBJECT_ARN.matcher(normalized);
      if (!matcher.matches()) {
        problems.add(sid + ": not an object ARN with a bucket and a key prefix: " + arn);
        continue;
      }
      String bucket = matcher.group(1);
      String key = matcher.group(2);
      if (key.startsWith("*")) {
        boolean guardedBackfill = bucket.equals("${BackfillBucket}") && Boolean.TRUE.equals(statement.get("guarded"));
        if (!guardedBackfill) {
          problems.add(sid + ": whole-bucket access " + arn);
        }
      }
      if (!Set.of(INPUT_BUCKET, RESULTS_BUCKET, "${ModelBucket}", "${BackfillBucket}").contains(bucket)) {
        problems.add(sid + ": unexpected bucket " + bucket);
      }
    }
    return problems;
  }

  @Test
  void writesGoToTheResultsPrefixAndTagsToImagesOnly() {
    for (String name : List.of("S3EventFunction", "BatchOperationsFunction")) {
      List<Map<String, Object>> statements = functionStatements(name);
      Map<String, Object> write = statements.stream().filter(s -> "WriteResults".equals(s.get("Sid"))).findFirst()
          .orElseThrow();
      assertEquals(List.of("s3:PutObject"), strings(write.get("Action")));
      assertEquals("arn:${AWS::Partition}:s3:::" + RESULTS_BUCKET + "/${ResultsPrefix}*",
          map(write.get("Resource")).get("Fn::Sub"));
      Map<String, Object> earlier = statements.stream().filter(s -> "ReadEarlierResults".equals(s.get("Sid")))
          .findFirst().orElseThrow(() -> new AssertionError(name + " cannot read the result a retry would keep"));
      assertEquals(List.of("s3:GetObject"), strings(earlier.get("Action")));
      assertEquals("arn:${AWS::Partition}:s3:::" + RESULTS_BUCKET + "/${ResultsPrefix}*",
          map(earlier.get("Resource")).get("Fn::Sub"));
      for (Map<String, Object> statement : statements) {
        for (String action : strings(statement.get("Action"))) {
          if (action.equals("s3:PutObject")) {
            assertEquals("WriteResults", statement.get("Sid"), name + " writes objects outside the results prefix");
          }
          if (action.startsWith("s3:Delete")) {
            fail(name + " may delete: " + statement);
          }
        }
      }
      Map<String, Object> model = statements.stream().filter(s -> "ReadModel".equals(s.get("Sid"))).findFirst()
          .orElseThrow();
      assertEquals(List.of("s3:GetObject"), strings(model.get("Action")));
      assertEquals("arn:${AWS::Partition}:s3:::${ModelBucket}/${ModelPrefix}*", map(model.get("Resource")).get("Fn::Sub"));
    }
    for (Map<String, Object> statement : functionStatements("DetectionApiFunction")) {
      assertTrue(strings(statement.get("Action")).stream().allMatch(a -> a.startsWith("s3:Get")),
          "the API only reads: " + statement);
    }
  }

  @Test
  void bucketsAreEncryptedPrivateTlsOnlyAndKept() {
    for (String name : List.of("InputBucket", "ResultsBucket")) {
      Map<String, Object> bucket = map(resources.get(name));
      assertEquals("Retain", bucket.get("DeletionPolicy"), name + ": deleting the stack keeps the images");
      assertEquals("Retain", bucket.get("UpdateReplacePolicy"), name);
      Map<String, Object> properties = properties(bucket);
      Map<String, Object> encryption = map(((List<?>) map(properties.get("BucketEncryption"))
          .get("ServerSideEncryptionConfiguration")).get(0));
      assertEquals("AES256", map(encryption.get("ServerSideEncryptionByDefault")).get("SSEAlgorithm"));
      assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
          "RestrictPublicBuckets", true), properties.get("PublicAccessBlockConfiguration"));
      Map<String, Object> policy = resources.values().stream().map(TemplateNodes::map)
          .filter(r -> "AWS::S3::BucketPolicy".equals(r.get("Type")))
          .filter(r -> Map.of("Ref", name).equals(properties(r).get("Bucket"))).findFirst()
          .orElseThrow(() -> new AssertionError(name + " has no bucket policy"));
      Map<String, Object> deny = map(((List<?>) map(properties(policy).get("PolicyDocument")).get("Statement")).get(0));
      assertEquals("Deny", deny.get("Effect"));
      assertEquals("s3:*", deny.get("Action"));
      assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", "false")), deny.get("Condition"));
      assertEquals(2, ((List<?>) deny.get("Resource")).size(), name + ": the bucket and its objects");
    }
  }

  @Test
  void uploadsOfImagesUnderTheInputPrefixTriggerScoringAndResultsNever() {
    Map<String, Object> events = map(properties(resources.get("S3EventFunction")).get("Events"));
    Set<String> suffixes = new TreeSet<>();
    for (Object value : events.values()) {
      Map<String, Object> event = map(value);
      assertEquals("S3", event.get("Type"));
      Map<String, Object> properties = properties(event);
      assertEquals(Map.of("Ref", "InputBucket"), properties.get("Bucket"));
      assertEquals("s3:ObjectCreated:*", properties.get("Events"));
      List<?> rules = (List<?>) map(map(properties.get("Filter")).get("S3Key")).get("Rules");
      assertEquals(Map.of("Name", "prefix", "Value", Map.of("Ref", "InputPrefix")), rules.get(0));
      assertEquals("suffix", map(rules.get(1)).get("Name"));
      assertTrue(suffixes.add((String) map(rules.get(1)).get("Value")), "duplicate suffix: S3 rejects overlaps");
    }
    assertEquals(new TreeSet<>(IMAGE_SUFFIXES), suffixes);
    // results land in another bucket, which nothing listens to
    walk(resources, (key, value) -> assertFalse(key.equals("NotificationConfiguration"),
        "a notification outside SAM's S3 events"));
    for (Object resource : resources.values()) {
      Object eventsOf = properties(resource).get("Events");
      if (eventsOf != null) {
        walk(eventsOf, (key, value) -> assertFalse(key.equals("Bucket") && Map.of("Ref", "ResultsBucket").equals(value),
            "the results bucket triggers a function"));
      }
    }
  }

  @Test
  void theS3EventFileIsOneTheDeployedNotificationWouldSend() throws IOException {
    String event = Files.readString(ROOT.resolve("function/events/s3-put.json"));
    Matcher key = Pattern.compile("\"key\":\\s*\"([^\"]+)\"").matcher(event);
    assertTrue(key.find());
    String decoded = java.net.URLDecoder.decode(key.group(1), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(decoded.startsWith((String) param("InputPrefix").get("Default")), decoded);
    assertTrue(IMAGE_SUFFIXES.stream().anyMatch(decoded::endsWith), decoded);
  }

  @Test
  void failedS3EventsAreRetriedDeliberatelyThenQueued() {
    Map<String, Object> invoke = map(properties(resources.get("S3EventFunction")).get("EventInvokeConfig"));
    assertEquals(Map.of("Ref", "EventRetryAttempts"), invoke.get("MaximumRetryAttempts"));
    assertEquals(Map.of("Ref", "EventMaxAgeSeconds"), invoke.get("MaximumEventAgeInSeconds"));
    Map<String, Object> failure = map(map(invoke.get("DestinationConfig")).get("OnFailure"));
    assertEquals("SQS", failure.get("Type"));
    assertEquals(Map.of("Fn::GetAtt", List.of("FailedEventQueue", "Arn")), failure.get("Destination"));
    Map<String, Object> queue = properties(resources.get("FailedEventQueue"));
    assertEquals(1209600, queue.get("MessageRetentionPeriod"), "14 days to look at a failure");
    assertEquals(true, queue.get("SqsManagedSseEnabled"));
    assertEquals(2, param("EventRetryAttempts").get("MaxValue"));
    assertEquals(21600, param("EventMaxAgeSeconds").get("MaxValue"));
  }

  @Test
  void apiRoutesReachEveryControllerRouteWithTheChosenAuthentication() throws Exception {
    Map<String, String> paths = apiResourcePaths();
    Set<String> deployed = new TreeSet<>();
    List<String> methodNames = new ArrayList<>();
    resources.forEach((name, value) -> {
      Map<String, Object> resource = map(value);
      if (!"AWS::ApiGateway::Method".equals(resource.get("Type"))) {
        return;
      }
      methodNames.add(name);
      Map<String, Object> properties = properties(resource);
      Map<String, Object> resourceId = map(properties.get("ResourceId"));
      String path = List.of("DetectionApi", "RootResourceId").equals(resourceId.get("Fn::GetAtt"))
          ? "/" : paths.get((String) resourceId.get("Ref"));
      assertNotNull(path, name + " is on an unknown resource");
      deployed.add(properties.get("HttpMethod") + " " + path);
      Map<String, Object> integration = map(properties.get("Integration"));
      assertEquals("AWS_PROXY", integration.get("Type"));
      assertEquals("POST", integration.get("IntegrationHttpMethod"));
      assertTrue(((String) map(integration.get("Uri")).get("Fn::Sub")).contains("${DetectionApiFunction.Alias}"),
          name + " must invoke the SnapStart alias, not $LATEST");
      if (PUBLIC_PATHS.contains(path)) {
        assertEquals("NONE", properties.get("AuthorizationType"), name);
        assertEquals(false, properties.get("ApiKeyRequired"), name);
        assertEquals("GET", properties.get("HttpMethod"), name);
      } else {
        assertEquals(Map.of("Fn::If", List.of("UseIam", "AWS_IAM", "NONE")), properties.get("AuthorizationType"), name);
        assertEquals(Map.of("Fn::If", List.of("UseApiKey", true, false)), properties.get("ApiKeyRequired"), name);
      }
    });
    for (String route : controllerRoutes()) {
      String[] parts = route.split(" ", 2);
      assertTrue(deployed.stream().anyMatch(d -> routeMatches(d, parts[0], parts[1])), route + " is not deployed: "
          + deployed);
    }
    for (String deployment : List.of("ApiKeyDeploymentWithPage", "IamDeploymentWithPage")) {
      assertEquals(new TreeSet<>(methodNames), new TreeSet<>(strings(map(resources.get(deployment)).get("DependsOn"))),
          deployment + " must depend on every method, or it may snapshot the API before a method exists");
    }
    Map<String, Object> api = properties(resources.get("DetectionApi"));
    assertTrue(strings(api.get("BinaryMediaTypes")).containsAll(List.of("image/jpeg", "image/png")));
    Map<String, Object> stage = properties(resources.get("DetectionApiStage"));
    Map<String, Object> throttling = map(((List<?>) stage.get("MethodSettings")).get(0));
    assertEquals(Map.of("Ref", "ApiRateLimit"), throttling.get("ThrottlingRateLimit"));
    assertEquals(Map.of("Ref", "ApiBurstLimit"), throttling.get("ThrottlingBurstLimit"));
    for (String keyed : List.of("DetectionApiUsagePlan", "DetectionApiKey", "DetectionApiUsagePlanKey")) {
      assertEquals("UseApiKey", map(resources.get(keyed)).get("Condition"), keyed);
    }
    assertEquals(List.of("API_KEY", "AWS_IAM"), param("ApiAuth").get("AllowedValues"));
  }

  /** Health for load balancers; the page, its files and the API's description like any public web page. */
  private static final Set<String> PUBLIC_PATHS = Set.of("/health", "/", "/web/{name}", "/openapi.yaml");

  private static boolean routeMatches(String deployed, String method, String path) {
    String[] parts = deployed.split(" ", 2);
    String pattern = Pattern.quote(parts[1]).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
    return parts[0].equals(method) && path.matches(pattern);
  }

  /** Full paths of the API's resources by logical id. */
  private static Map<String, String> apiResourcePaths() {
    Map<String, String> paths = new LinkedHashMap<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, Object> entry : resources.entrySet()) {
        Map<String, Object> resource = map(entry.getValue());
        if (!"AWS::ApiGateway::Resource".equals(resource.get("Type")) || paths.containsKey(entry.getKey())) {
          continue;
        }
        Map<String, Object> properties = properties(resource);
        Map<String, Object> parent = map(properties.get("ParentId"));
        String parentPath = parent.containsKey("Fn::GetAtt") ? "" : paths.get((String) parent.get("Ref"));
        if (parentPath != null) {
          paths.put(entry.getKey(), parentPath + "/" + properties.get("PathPart"));
          grew = true;
        }
      }
    }
    return paths;
  }

  /** "METHOD /path" for every Micronaut route in the jar's controllers. */
  private static List<String> controllerRoutes() throws Exception {
    List<String> routes = new ArrayList<>();
    for (String name : List.of("dev.defactify.function.api.DetectionController",
        "dev.defactify.function.api.ModelController", "dev.defactify.function.web.WebPage",
        "dev.defactify.function.web.ApiDocument")) {
      Class<?> controller = Class.forName(name, false, jar);
      String base = annotationValue(controller, "io.micronaut.http.annotation.Controller", "value");
      for (Method method : controller.getDeclaredMethods()) {
        for (String verb : List.of("Get", "Post", "Put", "Delete")) {
          String uri = annotationValue(method, "io.micronaut.http.annotation." + verb, "uri");
          if (uri != null) {
            routes.add(verb.toUpperCase() + " " + (base == null || base.equals("/") ? "" : base) + uri);
          }
        }
      }
    }
    assertEquals(7, routes.size(), "routes of DESIGN §4, the page and the API's description: " + routes);
    return routes;
  }

  private static String annotationValue(java.lang.reflect.AnnotatedElement element, String type, String attribute)
      throws Exception {
    for (Annotation annotation : element.getAnnotations()) {
      if (annotation.annotationType().getName().equals(type)) {
        String value = (String) annotation.annotationType().getMethod(attribute).invoke(annotation);
        if (value.isEmpty() && !attribute.equals("value")) {
          value = (String) annotation.annotationType().getMethod("value").invoke(annotation);
        }
        return value;
      }
    }
    return null;
  }

  @Test
  void alarmsWatchErrorsThrottlesLatencyAndTheFailureQueue() {
    Map<String, Set<String>> watched = new LinkedHashMap<>();
    for (Object value : resources.values()) {
      Map<String, Object> resource = map(value);
      if (!"AWS::CloudWatch::Alarm".equals(resource.get("Type"))) {
        continue;
      }
      Map<String, Object> properties = properties(resource);
      Map<String, Object> dimension = map(((List<?>) properties.get("Dimensions")).get(0));
      Object target = dimension.get("Value");
      String subject = target instanceof Map<?, ?> ref && ref.containsKey("Ref") ? (String) ref.get("Ref")
          : (String) ((List<?>) map(target).get("Fn::GetAtt")).get(0);
      watched.computeIfAbsent(subject, k -> new TreeSet<>()).add((String) properties.get("MetricName"));
      assertEquals(List.of(Map.of("Ref", "AlarmTopic")), properties.get("AlarmActions"));
      assertEquals("notBreaching", properties.get("TreatMissingData"));
      if ("Duration".equals(properties.get("MetricName"))) {
        assertEquals("p99", properties.get("ExtendedStatistic"));
      }
    }
    assertEquals(Set.of("Errors", "Throttles", "Duration"), watched.get("DetectionApiFunction"));
    assertEquals(Set.of("Errors", "Throttles", "Duration"), watched.get("S3EventFunction"));
    assertTrue(watched.get("BatchOperationsFunction").contains("Errors"));
    assertEquals(Set.of("ApproximateNumberOfMessagesVisible"), watched.get("FailedEventQueue"));
    List<?> rollback = (List<?>) map(properties(resources.get("DetectionApiFunction")).get("DeploymentPreference"))
        .get("Alarms");
    assertEquals(List.of(Map.of("Ref", "DetectionApiErrorsAlarm")), rollback, "canaries roll back on API errors");
  }

  @Test
  void everyFunctionLogsToItsOwnGroupWithRetention() {
    Set<String> groups = new HashSet<>();
    functions().forEach((name, function) -> {
      String group = (String) map(map(properties(function).get("LoggingConfig")).get("LogGroup")).get("Ref");
      assertTrue(groups.add(group), name + " shares a log group");
      Map<String, Object> logGroup = map(resources.get(group));
      assertEquals("AWS::Logs::LogGroup", logGroup.get("Type"));
      assertEquals(Map.of("Ref", "LogRetentionDays"), properties(logGroup).get("RetentionInDays"));
    });
  }

  @Test
  void batchOperationsJobRoleInvokesOnlyTheAliasAndKeepsToItsPrefixes() {
    Map<String, Object> role = properties(resources.get("BatchOperationsJobRole"));
    Map<String, Object> trust = map(((List<?>) map(role.get("AssumeRolePolicyDocument")).get("Statement")).get(0));
    assertEquals(Map.of("Service", "batchoperations.s3.amazonaws.com"), trust.get("Principal"));
    List<Map<String, Object>> statements = statements(map(map(((List<?>) role.get("Policies")).get(0))
        .get("PolicyDocument")).get("Statement"));
    Map<String, Object> invoke = statements.stream().filter(s -> "InvokeScoring".equals(s.get("Sid"))).findFirst()
        .orElseThrow();
    assertEquals("lambda:InvokeFunction", invoke.get("Action"));
    assertEquals(Map.of("Ref", "BatchOperationsFunction.Alias"), invoke.get("Resource"));
  }

  @Test
  void outputsNameWhatADeployerNeeds() {
    Map<String, Object> outputs = map(template.get("Outputs"));
    for (String name : List.of("ApiUrl", "ApiKeyId", "InputBucketName", "ResultsBucketName", "DetectionApiAliasArn",
        "S3EventAliasArn", "BatchOperationsAliasArn", "BatchOperationsJobRoleArn", "FailedEventQueueUrl")) {
      assertNotNull(outputs.get(name), "output " + name);
    }
    assertEquals(Map.of("Ref", "DetectionApiFunction.Alias"), map(outputs.get("DetectionApiAliasArn")).get("Value"));
  }

  @Test
  void samBuildPutsThePackagedJarWhereTheRuntimeLooks(@org.junit.jupiter.api.io.TempDir Path artifacts)
      throws Exception {
    Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
    assertEquals(".", globals.get("CodeUri"));
    for (String function : functions().keySet()) {
      assertEquals(Map.of("BuildMethod", "makefile"), map(resources.get(function)).get("Metadata"), function);
      Path out = artifacts.resolve(function);
      // MAVEN=true: the jar this module's build already produced stands in for the Maven step sam build runs
      Process make = new ProcessBuilder("make", "--no-print-directory", "-C", ROOT.toString(), "build-" + function,
          "ARTIFACTS_DIR=" + out.toAbsolutePath(), "MAVEN=true").redirectErrorStream(true).start();
      String output = new String(make.getInputStream().readAllBytes());
      assertEquals(0, make.waitFor(), "make build-" + function + ":\n" + output);
      Path copied = out.resolve("lib/defactify-function.jar");
      assertTrue(Files.isRegularFile(copied), function + ": " + output);
      assertEquals(Files.size(FUNCTION_JAR), Files.size(copied));
      List<String> entries;
      try (var zip = new java.util.zip.ZipFile(copied.toFile())) {
        entries = zip.stream().map(java.util.zip.ZipEntry::getName).collect(Collectors.toList());
      }
      String handler = ((String) properties(resources.get(function)).get("Handler")).split("::")[0];
      assertTrue(entries.contains(handler.replace('.', '/') + ".class"), function + ": " + handler + " not in the jar");
      assertTrue(entries.stream().noneMatch(e -> e.startsWith("ai/onnxruntime/native/win")
          || e.startsWith("ai/onnxruntime/native/osx")), "only Linux natives travel to Lambda");
    }
    String makefile = Files.readString(ROOT.resolve("Makefile"));
    assertTrue(makefile.contains("-pl function -am package"), "the Makefile builds the function module");
  }

  @Test
  void samconfigDeploysAStackWhoseBucketNamesAreValid() throws IOException {
    String config = Files.readString(ROOT.resolve("samconfig.toml"));
    Matcher stack = Pattern.compile("stack_name\\s*=\\s*\"([^\"]+)\"").matcher(config);
    assertTrue(stack.find());
    String name = stack.group(1);
    // the longest bucket name this stack makes, in the region with the longest name, must stay within 63 characters
    String longest = RESULTS_BUCKET.replace("${AWS::StackName}", name).replace("${AWS::AccountId}", "123456789012")
        .replace("${AWS::Region}", "ap-southeast-7");
    assertTrue(longest.length() <= 63 && longest.matches("[a-z0-9][a-z0-9.-]*[a-z0-9]"), longest);
    assertTrue(config.contains("capabilities = \"CAPABILITY_IAM\""));
    assertTrue(config.contains("confirm_changeset = true"));
  }

  // --- helpers ---

  private static Map<String, Object> functions() {
    Map<String, Object> functions = new LinkedHashMap<>();
    resources.forEach((name, value) -> {
      if ("AWS::Serverless::Function".equals(map(value).get("Type"))) {
        functions.put(name, value);
      }
    });
    return functions;
  }


  private static List<Map<String, Object>> functionStatements(String function) {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Object policy : (List<?>) properties(resources.get(function)).get("Policies")) {
      statements.addAll(statements(map(policy).get("Statement")));
    }
    return statements;
  }

  /**
   * Statements, with `!If [Condition, statement, !Ref AWS::NoValue]` unwrapped: such a statement exists only when its
   * condition holds, so it is marked "guarded" (only the backfill bucket's grant may be bucket-wide, and only so).
   */
  private static List<Map<String, Object>> statements(Object list) {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Object item : (List<?>) list) {
      Map<String, Object> statement = map(item);
      if (statement.containsKey("Fn::If")) {
        List<?> branches = (List<?>) statement.get("Fn::If");
        assertEquals(Map.of("Ref", "AWS::NoValue"), branches.get(2), "a conditional statement drops out when false");
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "BackfillBucket"), "")))),
            conditions.get((String) branches.get(0)));
        Map<String, Object> guarded = new LinkedHashMap<>(map(branches.get(1)));
        guarded.put("guarded", true);
        statements.add(guarded);
      } else {
        statements.add(statement);
      }
    }
    return statements;
  }

  private static Map<String, Object> properties(Object resource) {
    return map(map(resource).getOrDefault("Properties", Map.of()));
  }

  private static Map<String, Object> param(String name) {
    Map<String, Object> parameter = map(parameters.get(name));
    assertNotNull(parameter, "parameter " + name);
    return parameter;
  }
}
