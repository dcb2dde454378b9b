package dev.gatehouse.policy.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Identity;
import dev.gatehouse.core.JsonRpcMessage;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** List filtering and call decisions must never disagree, whatever the rules. */
class ListCallAgreementPropertyTest {
  static final List<String> NAMES = List.of("get_a", "get_b", "set_a", "delete_a", "x", "ab");
  static final List<String> PATTERNS = List.of("*", "get_*", "*_a", "x", "a?", "delete_*", "zz");
  static final List<String> GROUPS = List.of("g1", "g2", "g3");

  @Provide
  Arbitrary<AccessPolicy> policies() {
    Arbitrary<List<Glob>> globs = Arbitraries.of(PATTERNS).map(Glob::new).list().ofMaxSize(3);
    Arbitrary<List<Glob>> methods =
        Arbitraries.of("tools/call", "prompts/get", "ping").map(Glob::new).list().ofMaxSize(1);
    Arbitrary<AccessRule.Grants> grants =
        Combinators.combine(methods, globs, globs, globs).as(AccessRule.Grants::new);
    Arbitrary<AccessRule.Who> who =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.of(GROUPS).map(Glob::new).list().ofMaxSize(2),
                Arbitraries.of(Identity.Kind.USER, Identity.Kind.SERVICE).set().ofMaxSize(1))
            .as(
                (everyone, groups, kinds) ->
                    new AccessRule.Who(everyone, groups, List.of(), kinds));
    Arbitrary<AccessRule> rule =
        Combinators.combine(Arbitraries.strings().alpha().ofLength(4), who, grants, grants)
            .as(AccessRule::new);
    return rule.list().ofMaxSize(5).map(rules -> new AccessPolicy(rules, Set.of()));
  }

  @Provide
  Arbitrary<Identity> identities() {
    return Combinators.combine(
            Arbitraries.of(GROUPS).set().ofMaxSize(2),
            Arbitraries.of(Identity.Kind.USER, Identity.Kind.SERVICE))
        .as((groups, kind) -> new Identity("s", "s", groups, kind, null, "i"));
  }

  @Property(tries = 500)
  void listedIfAndOnlyIfCallable(
      @ForAll("policies") AccessPolicy policy, @ForAll("identities") Identity identity) {
    for (String[] shape :
        new String[][] {
          {"tools/list", "tools", "name", "tools/call"},
          {"prompts/list", "prompts", "name", "prompts/get"},
          {"resources/list", "resources", "uri", "resources/read"}
        }) {
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      var items = result.putArray(shape[1]);
      NAMES.forEach(n -> items.addObject().put(shape[2], n));
      ListFilter.filter(shape[0], result, policy, identity);
      Set<String> listed = new java.util.HashSet<>();
      result.get(shape[1]).forEach(i -> listed.add(i.get(shape[2]).asText()));
      for (String name : NAMES) {
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        call.put("jsonrpc", "2.0").put("id", 1).put("method", shape[3]);
        call.putObject("params").put(shape[2], name);
        boolean callable =
            policy
                .decide(
                    identity,
                    new JsonRpcMessage(JsonRpcMessage.Kind.REQUEST, call.get("id"), shape[3], call))
                .allowed();
        assertThat(listed.contains(name)).as("%s %s", shape[3], name).isEqualTo(callable);
      }
    }
  }
}
