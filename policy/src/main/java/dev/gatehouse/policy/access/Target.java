package dev.gatehouse.policy.access;

/**
 * The kinds of named things a rule can grant, with the method that uses one and where lists name
 * them.
 */
public enum Target {
  TOOL("tools/call"),
  RESOURCE("resources/read"),
  PROMPT("prompts/get");

  private final String useMethod;

  Target(String useMethod) {
    this.useMethod = useMethod;
  }

  /** The method that uses an item: a method-level deny of it hides the item from lists too. */
  public String useMethod() {
    return useMethod;
  }
}
