package dev.gatehouse.policy.access;

import dev.gatehouse.core.Identity;
import java.util.List;
import java.util.Set;

/**
 * One access rule of a connection: who it is about, and what it allows and denies.
 *
 * @param name the rule's name, used in verdicts and audit records
 * @param who the identities the rule applies to
 * @param allow what it allows (may be empty)
 * @param deny what it denies (may be empty); a deny wins over every allow
 */
public record AccessRule(String name, Who who, Grants allow, Grants deny) {

  /**
   * Whom a rule applies to: anyone matching any of the selectors.
   *
   * @param everyone every identity, anonymous included
   * @param groups group name patterns
   * @param subjects subject patterns
   * @param kinds identity kinds
   */
  public record Who(
      boolean everyone, List<Glob> groups, List<Glob> subjects, Set<Identity.Kind> kinds) {
    public Who {
      groups = List.copyOf(groups);
      subjects = List.copyOf(subjects);
      kinds = Set.copyOf(kinds);
    }

    public static final Who EVERYONE = new Who(true, List.of(), List.of(), Set.of());

    public boolean matches(Identity identity) {
      if (everyone || kinds.contains(identity.kind())) {
        return true;
      }
      for (Glob subject : subjects) {
        if (subject.matches(identity.subject())) {
          return true;
        }
      }
      for (Glob group : groups) {
        for (String g : identity.groups()) {
          if (group.matches(g)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /**
   * Name patterns per kind of thing.
   *
   * @param methods JSON-RPC method patterns (for methods that name no tool, resource or prompt)
   * @param tools tool name patterns
   * @param resources resource URI patterns (matched against a template's {@code uriTemplate} in
   *     {@code resources/templates/list})
   * @param prompts prompt name patterns
   */
  public record Grants(
      List<Glob> methods, List<Glob> tools, List<Glob> resources, List<Glob> prompts) {
    public static final Grants NONE = new Grants(List.of(), List.of(), List.of(), List.of());

    public Grants {
      methods = List.copyOf(methods);
      tools = List.copyOf(tools);
      resources = List.copyOf(resources);
      prompts = List.copyOf(prompts);
    }

    public boolean isEmpty() {
      return methods.isEmpty() && tools.isEmpty() && resources.isEmpty() && prompts.isEmpty();
    }

    boolean coversMethod(String method) {
      return any(methods, method);
    }

    boolean covers(Target target, String name) {
      return any(
          switch (target) {
            case TOOL -> tools;
            case RESOURCE -> resources;
            case PROMPT -> prompts;
          },
          name);
    }

    private static boolean any(List<Glob> globs, String name) {
      for (Glob glob : globs) {
        if (glob.matches(name)) {
          return true;
        }
      }
      return false;
    }
  }
}
