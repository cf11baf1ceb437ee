package dev.defactify.infra;

import dev.defactify.testing.cloudformation.CloudFormationYaml;

import static dev.defactify.infra.TemplateNodes.map;
import static dev.defactify.infra.TemplateNodes.strings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GPU training stack, checked offline: structure, least-privilege IAM, and the user-data script. */
class TrainingRunTemplateTest {

  static final Path TEMPLATE = Path.of("training-run.yaml");
  private static final Pattern S3_ARN = Pattern.compile("^arn:\\$\\{AWS::Partition}:s3:::\\$\\{(\\w+)}(/(.*))?$");
  private static final Pattern LEADING_VARIABLE = Pattern.compile("^\\$\\{(\\w+)}(.*)$");

  static Map<String, Object> template;
  static Map<String, Object> parameters;
  static Map<String, Object> resources;
  static Map<String, Object> conditions;

  @BeforeAll
  static void load() throws IOException {
    template = CloudFormationYaml.load(TEMPLATE);
    parameters = map(template.get("Parameters"));
    resources = map(template.get("Resources"));
    conditions = map(template.get("Conditions"));
  }

  @Test
  void templateParsesWithItsSections() {
    assertEquals("2010-09-09", template.get("AWSTemplateFormatVersion"));
    for (String section : List.of("Parameters", "Conditions", "Resources", "Outputs")) {
      assertNotNull(template.get(section), section);
    }
    assertEquals("AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", param("ImageId").get("Type"));
    assertTrue(((String) param("ImageId").get("Default")).startsWith("/aws/service/deeplearning/ami/x86_64/"));
    assertEquals("g5.xlarge", param("InstanceType").get("Default"));
    assertEquals(List.of("on-demand", "spot"), param("MarketType").get("AllowedValues"));
    for (String name : List.of("RunName", "SubnetId", "VpcId", "ArtifactBucket", "BundleKey", "ConfigKey",
        "PretrainedWeightsKey", "PretrainedWeightsUrl", "DjlCacheKey", "DatasetBucket", "DatasetPrefix",
        "ModelsBucket", "ModelsPrefix", "MaxHours", "RootVolumeGiB", "LogRetentionDays")) {
      assertNotNull(parameters.get(name), "parameter " + name);
    }
  }

  @Test
  void everyRefSubVariableAndConditionIsDefined() {
    assertEquals(List.of(), TemplateNodes.undefinedReferences(template, Set.of()));
  }

  @Test
  void instanceTypePatternAllowsOnlyTheGpuFamilies() {
    Pattern allowed = Pattern.compile((String) param("InstanceType").get("AllowedPattern"));
    for (String type : List.of("g5.xlarge", "g5.48xlarge", "g6.2xlarge", "g6e.12xlarge", "p4d.24xlarge",
        "p5.48xlarge")) {
      assertTrue(allowed.matcher(type).matches(), type);
    }
    for (String type : List.of("t3.micro", "c7i.8xlarge", "g4dn.xlarge", "g5.3xlarge", "p3.2xlarge", "g5g.xlarge")) {
      assertFalse(allowed.matcher(type).matches(), type);
    }
  }

  @Test
  void prefixParametersCanNeverBeEmptyOrTheWholeBucket() {
    for (String name : List.of("DatasetPrefix", "ModelsPrefix")) {
      Pattern pattern = Pattern.compile((String) param(name).get("AllowedPattern"));
      assertFalse(pattern.matcher("").matches(), name + " accepts ''");
      assertFalse(pattern.matcher("/").matches(), name + " accepts '/'");
      assertFalse(pattern.matcher("data").matches(), name + " accepts a prefix without a trailing /");
      assertTrue(pattern.matcher("ms-cocoai/v1/").matches(), name);
    }
  }

  @Test
  void iamHasNoWildcardActionsAndNoManagedPolicies() {
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> statement : statements()) {
      for (String action : strings(statement.get("Action"))) {
        if (action.contains("*")) {
          problems.add(statement.get("Sid") + ": action " + action);
        }
      }
      assertEquals("Allow", statement.get("Effect"));
      assertFalse(statement.containsKey("NotAction") || statement.containsKey("NotResource"), "Not* in IAM");
    }
    assertEquals(List.of(), problems);
    for (Object resource : resources.values()) {
      Map<String, Object> properties = map(map(resource).getOrDefault("Properties", Map.of()));
      assertFalse(properties.containsKey("ManagedPolicyArns"), "managed policies attached");
    }
    assertFalse(templateText().contains("AdministratorAccess"));
  }

  @Test
  void everyS3ResourceIsAParameterisedBucketAndAPrefix() {
    int s3Statements = 0;
    for (Map<String, Object> statement : statements()) {
      List<String> actions = strings(statement.get("Action"));
      if (actions.stream().noneMatch(a -> a.startsWith("s3:"))) {
        continue;
      }
      s3Statements++;
      String sid = (String) statement.get("Sid");
      assertTrue(actions.stream().allMatch(a -> a.startsWith("s3:")), sid + " mixes S3 with other services");
      boolean list = actions.equals(List.of("s3:ListBucket"));
      assertTrue(list || actions.stream().noneMatch(a -> a.equals("s3:ListBucket")), sid + ": ListBucket alone");
      for (GuardedArn arn : arns(statement.get("Resource"))) {
        Matcher matcher = S3_ARN.matcher(arn.sub());
        assertTrue(matcher.matches(), sid + ": not a parameterised S3 ARN: " + arn.sub());
        assertStringParameter(matcher.group(1), sid);
        if (list) {
          assertTrue(matcher.group(2) == null, sid + ": ListBucket names the bucket, not objects");
        } else {
          assertNotNull(matcher.group(3), sid + ": object action on a bucket ARN: " + arn.sub());
          assertScopedPath(matcher.group(3), arn.condition(), sid);
        }
      }
      if (list) {
        Map<String, Object> like = map(map(statement.get("Condition")).get("StringLike"));
        assertEquals(Set.of("s3:prefix"), like.keySet(), sid);
        List<?> prefixes = (List<?>) like.get("s3:prefix");
        assertFalse(prefixes.isEmpty(), sid);
        for (Object prefix : prefixes) {
          assertTrue(prefix instanceof Map<?, ?> sub && sub.containsKey("Fn::Sub"),
              sid + ": s3:prefix must be a !Sub of a prefix parameter, not " + prefix);
          assertScopedPath((String) map(prefix).get("Fn::Sub"), null, sid + " s3:prefix");
        }
      }
    }
    assertEquals(6, s3Statements, "S3 statements");
  }

  @Test
  void writesGoOnlyToTheModelAndThisRunsPrefixes() {
    Map<String, Object> write = statement("WriteModelAndRunOutputs");
    assertEquals(List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"),
        write.get("Action"));
    assertEquals(List.of("arn:${AWS::Partition}:s3:::${ModelsBucket}/${ModelsPrefix}defactifynet/*",
        "arn:${AWS::Partition}:s3:::${ModelsBucket}/${ModelsPrefix}runs/${RunName}/*"),
        arns(write.get("Resource")).stream().map(GuardedArn::sub).toList());
    for (Map<String, Object> statement : statements()) {
      if (statement != write) {
        assertTrue(strings(statement.get("Action")).stream().noneMatch(a -> a.startsWith("s3:Put")),
            statement.get("Sid") + " writes to S3");
      }
    }
  }

  @Test
  void theInstanceReadsAndListsExactlyItsOwnRunPrefixBesideThePublishedModels() {
    String models = "arn:${AWS::Partition}:s3:::${ModelsBucket}/${ModelsPrefix}defactifynet/*";
    String run = "arn:${AWS::Partition}:s3:::${ModelsBucket}/${ModelsPrefix}runs/${RunName}/*";
    Map<String, Object> read = statement("ReadPublishedModelsAndRunState");
    assertEquals("s3:GetObject", read.get("Action"));
    assertEquals(List.of(models, run), arns(read.get("Resource")).stream().map(GuardedArn::sub).toList());
    Map<String, Object> list = statement("ListPublishedModelsAndRunState");
    assertEquals("s3:ListBucket", list.get("Action"));
    assertEquals("arn:${AWS::Partition}:s3:::${ModelsBucket}", map(list.get("Resource")).get("Fn::Sub"));
    List<?> prefixes = (List<?>) map(map(list.get("Condition")).get("StringLike")).get("s3:prefix");
    assertEquals(List.of(Map.of("Fn::Sub", "${ModelsPrefix}defactifynet/*"),
        Map.of("Fn::Sub", "${ModelsPrefix}runs/${RunName}/*")), prefixes);
    // no other statement grants anything on the runs/ prefix, and none names another run or all runs
    for (Map<String, Object> statement : statements()) {
      String text = statement.toString();
      assertFalse(text.contains("runs/*") || text.contains("runs/${RunName}*"), statement.get("Sid") + ": " + text);
    }
  }

  @Test
  void logsAreWrittenOnlyToTheRunsOwnLogGroup() {
    Map<String, Object> logs = statement("RunLogStream");
    assertEquals(List.of("logs:CreateLogStream", "logs:PutLogEvents"), logs.get("Action"));
    String group = (String) map(map(resource("RunLogGroup").get("Properties")).get("LogGroupName")).get("Fn::Sub");
    assertEquals("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:" + group + ":*",
        map(logs.get("Resource")).get("Fn::Sub"));
    assertEquals(Map.of("Ref", "LogRetentionDays"),
        map(resource("RunLogGroup").get("Properties")).get("RetentionInDays"));
  }

  @Test
  void launchTemplateRequiresImdsV2TerminatesOnShutdownAndEncryptsItsVolume() {
    Map<String, Object> data = launchTemplateData();
    assertEquals("terminate", data.get("InstanceInitiatedShutdownBehavior"));
    Map<String, Object> metadata = map(data.get("MetadataOptions"));
    assertEquals("required", metadata.get("HttpTokens"));
    assertEquals("enabled", metadata.get("HttpEndpoint"));
    Map<String, Object> ebs = map(map(((List<?>) data.get("BlockDeviceMappings")).get(0)).get("Ebs"));
    assertEquals("gp3", ebs.get("VolumeType"));
    assertEquals(true, ebs.get("Encrypted"));
    assertEquals(true, ebs.get("DeleteOnTermination"));
    assertEquals(Map.of("Ref", "RootVolumeGiB"), ebs.get("VolumeSize"));
    assertTrue((Integer) param("RootVolumeGiB").get("MinValue") >= 100);
    List<?> market = (List<?>) map(data.get("InstanceMarketOptions")).get("Fn::If");
    assertEquals("IsSpot", market.get(0));
    assertEquals("terminate", map(map(market.get(1)).get("SpotOptions")).get("InstanceInterruptionBehavior"));
  }

  @Test
  void instanceRunsTheLaunchTemplateWithTheRunsInstanceProfile() {
    Map<String, Object> instance = resource("TrainingInstance");
    assertEquals("AWS::EC2::Instance", instance.get("Type"));
    Map<String, Object> launch = map(map(instance.get("Properties")).get("LaunchTemplate"));
    assertEquals(Map.of("Ref", "RunLaunchTemplate"), launch.get("LaunchTemplateId"));
    assertEquals(Map.of("Fn::GetAtt", List.of("RunLaunchTemplate", "LatestVersionNumber")), launch.get("Version"));
    assertEquals(Map.of("Fn::GetAtt", List.of("InstanceProfile", "Arn")),
        map(launchTemplateData().get("IamInstanceProfile")).get("Arn"));
    assertEquals(List.of(Map.of("Ref", "InstanceRole")), map(resource("InstanceProfile").get("Properties")).get("Roles"));
    Map<String, Object> assume = map(map(resource("InstanceRole").get("Properties")).get("AssumeRolePolicyDocument"));
    Map<String, Object> trust = map(((List<?>) assume.get("Statement")).get(0));
    assertEquals(Map.of("Service", "ec2.amazonaws.com"), trust.get("Principal"));
  }

  @Test
  void securityGroupHasNoIngress() {
    Map<String, Object> properties = map(resource("RunSecurityGroup").get("Properties"));
    assertFalse(properties.containsKey("SecurityGroupIngress"));
  }

  @Test
  void outputsNameTheInstanceAndTheLogLocations() {
    Map<String, Object> outputs = map(template.get("Outputs"));
    assertEquals(Map.of("Ref", "TrainingInstance"), map(outputs.get("InstanceId")).get("Value"));
    assertEquals(Map.of("Ref", "RunLogGroup"), map(outputs.get("LogGroupName")).get("Value"));
    assertEquals("s3://${ModelsBucket}/${ModelsPrefix}runs/${RunName}/train.log",
        map(map(outputs.get("RunLogUri")).get("Value")).get("Fn::Sub"));
  }

  // --- helpers ---

  record GuardedArn(String sub, String condition) {}

  private static void assertStringParameter(String name, String where) {
    Map<String, Object> parameter = param(name);
    assertEquals("String", parameter.get("Type"), where + ": " + name);
    assertNotNull(parameter.get("AllowedPattern"), where + ": " + name + " has no AllowedPattern");
  }

  /**
   * The object part of an S3 ARN (or an s3:prefix value) must start with a key/prefix parameter and must not be a
   * bare wildcard. The parameter may only be empty-able when the ARN is guarded by "that parameter is not empty".
   */
  private static void assertScopedPath(String path, String condition, String where) {
    Matcher matcher = LEADING_VARIABLE.matcher(path);
    assertTrue(matcher.matches(), where + ": path does not start with a parameter: " + path);
    String name = matcher.group(1);
    assertStringParameter(name, where);
    boolean acceptsEmpty = Pattern.compile((String) param(name).get("AllowedPattern")).matcher("").matches();
    if (acceptsEmpty) {
      assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", name), "")))),
          condition == null ? null : conditions.get(condition),
          where + ": " + name + " may be empty, so its ARN must be guarded by a non-empty condition");
    }
    assertFalse(matcher.group(2).startsWith("*") && (name.endsWith("Bucket")), where + ": bucket-wide " + path);
  }

  private static List<GuardedArn> arns(Object resource) {
    List<GuardedArn> arns = new ArrayList<>();
    for (Object item : resource instanceof List<?> list ? list : List.of(resource)) {
      if (item instanceof String literal) {
        fail("literal resource " + literal + " (a '*' or a hard-coded ARN)");
      }
      Map<String, Object> intrinsic = map(item);
      if (intrinsic.containsKey("Fn::Sub")) {
        arns.add(new GuardedArn((String) intrinsic.get("Fn::Sub"), null));
      } else if (intrinsic.containsKey("Fn::If")) {
        List<?> branches = (List<?>) intrinsic.get("Fn::If");
        assertEquals(Map.of("Ref", "AWS::NoValue"), branches.get(2), "an If resource drops out when false");
        arns.add(new GuardedArn((String) map(branches.get(1)).get("Fn::Sub"), (String) branches.get(0)));
      } else {
        fail("unexpected resource form " + item);
      }
    }
    return arns;
  }

  static List<Map<String, Object>> statements() {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Object value : resources.values()) {
      Map<String, Object> resource = map(value);
      String type = (String) resource.get("Type");
      assertFalse(type.equals("AWS::IAM::ManagedPolicy") || type.equals("AWS::IAM::Policy")
          || type.equals("AWS::IAM::User"), "IAM outside the role's inline policy: " + type);
      if (type.equals("AWS::IAM::Role")) {
        for (Object policy : (List<?>) map(resource.get("Properties")).get("Policies")) {
          Map<String, Object> document = map(map(policy).get("PolicyDocument"));
          for (Object statement : (List<?>) document.get("Statement")) {
            statements.add(map(statement));
          }
        }
      }
    }
    assertFalse(statements.isEmpty());
    return statements;
  }

  private static Map<String, Object> statement(String sid) {
    return statements().stream().filter(s -> sid.equals(s.get("Sid"))).findFirst().orElseThrow();
  }

  static Map<String, Object> launchTemplateData() {
    return map(map(resource("RunLaunchTemplate").get("Properties")).get("LaunchTemplateData"));
  }

  static Map<String, Object> resource(String name) {
    return map(resources.get(name));
  }

  static Map<String, Object> param(String name) {
    Map<String, Object> parameter = map(parameters.get(name));
    assertNotNull(parameter, "parameter " + name);
    return parameter;
  }

  private static String templateText() {
    try {
      return java.nio.file.Files.readString(TEMPLATE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
