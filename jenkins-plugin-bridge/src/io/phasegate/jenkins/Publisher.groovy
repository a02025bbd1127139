package io.phasegate.jenkins

import com.cloudbees.groovy.cps.NonCPS

/** Publishes phasegate's outputs with the plugins the controller has. */
class Publisher implements Serializable {
  private static final long serialVersionUID = 1L

  private final def steps

  Publisher(def steps) {
    this.steps = steps
  }

  /** The gate's rules as test results; never marks the build unstable by itself. */
  void junit(String file) {
    steps.junit(testResults: file, skipMarkingBuildUnstable: true, allowEmptyResults: false)
  }

  /** SARIF findings through Warnings NG, when it is installed; true when published. */
  boolean sarif(String file, String id, String name) {
    if (!Plugins.active(Plugins.WARNINGS_NG)) return false
    steps.recordIssues(tools: [steps.sarif(pattern: file, id: id, name: name)])
    return true
  }

  /** A check with the Markdown file as its summary, when the Checks API plugin is installed; true when published. */
  boolean checks(String name, String title, String markdownFile, String conclusion) {
    if (!Plugins.active(Plugins.CHECKS_API)) return false
    String markdown = steps.readFile(file: markdownFile, encoding: 'UTF-8')
    steps.publishChecks(name: name, title: title, summary: markdown, conclusion: conclusion)
    return true
  }

  /** Appends to the build's description, comma-separated ("design: pass, testing: warn"). */
  void describe(String line) {
    String now = steps.currentBuild.description
    steps.currentBuild.description = joinDescription(now, line)
  }

  @NonCPS
  static String joinDescription(String now, String line) {
    return now ? "${now}, ${line}".toString() : line
  }
}
