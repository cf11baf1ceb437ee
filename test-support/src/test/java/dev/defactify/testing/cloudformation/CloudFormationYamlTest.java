package dev.defactify.testing.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {

  @Test
  void everyShortFormTagBecomesItsLongForm() {
    Map<String, Object> doc = CloudFormationYaml.parse("""
        a: !Ref Name
        b: !Sub 'x-${Name}'
        c: !GetAtt Res.Arn
        d: !Join ['-', [a, b]]
        e: !If [Cond, 1, 2]
        f: !Equals [x, y]
        g: !Not [!Equals [x, y]]
        h: !Select [0, !GetAZs '']
        i: !Split [',', 'a,b']
        j: !FindInMap [M, k, v]
        k: !Base64 text
        l: !Condition Cond
        m: !And [!Condition A, !Condition B]
        n: !Or [!Condition A, !Condition B]
        o: !ImportValue exported
        p: !Cidr [10.0.0.0/16, 4, 8]
        q: !Sub
          - '${X}'
          - X: !Ref Name
        """);
    assertEquals(Map.of("Ref", "Name"), doc.get("a"));
    assertEquals(Map.of("Fn::Sub", "x-${Name}"), doc.get("b"));
    assertEquals(Map.of("Fn::GetAtt", List.of("Res", "Arn")), doc.get("c"));
    assertEquals(Map.of("Fn::Join", List.of("-", List.of("a", "b"))), doc.get("d"));
    assertEquals(Map.of("Fn::If", List.of("Cond", 1, 2)), doc.get("e"));
    assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of("x", "y")))), doc.get("g"));
    assertEquals(Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))), doc.get("h"));
    assertEquals(Map.of("Fn::Split", List.of(",", "a,b")), doc.get("i"));
    assertEquals(Map.of("Fn::FindInMap", List.of("M", "k", "v")), doc.get("j"));
    assertEquals(Map.of("Fn::Base64", "text"), doc.get("k"));
    assertEquals(Map.of("Condition", "Cond"), doc.get("l"));
    assertEquals(Map.of("Fn::And", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))), doc.get("m"));
    assertEquals(Map.of("Fn::Or", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))), doc.get("n"));
    assertEquals(Map.of("Fn::ImportValue", "exported"), doc.get("o"));
    assertEquals(Map.of("Fn::Cidr", List.of("10.0.0.0/16", 4, 8)), doc.get("p"));
    assertEquals(Map.of("Fn::Sub", List.of("${X}", Map.of("X", Map.of("Ref", "Name")))), doc.get("q"));
    assertEquals(17, CloudFormationYaml.SHORT_FORMS.size());
  }

  @Test
  void substituteKeepsLiteralsAndRefusesUndefinedNames() {
    assertEquals("a=1 ${b} c",
        CloudFormationYaml.substitute("a=${A} ${!b} c", name -> name.equals("A") ? "1" : null));
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> CloudFormationYaml.substitute("${Missing}", name -> null));
    assertEquals("undefined Fn::Sub variables: [Missing]", error.getMessage());
    assertEquals(List.of("A"), CloudFormationYaml.variables("${A} ${!b}"));
  }
}
