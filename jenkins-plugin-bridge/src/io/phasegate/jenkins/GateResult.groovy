package io.phasegate.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * How a gate's exit code and JSON verdict map onto the build: 0 passed (a warn status makes the
 * stage unstable), 1 failed (onFail: FAILURE or UNSTABLE), anything else or no verdict: could
 * not evaluate (always an error).
 */
class GateResult implements Serializable {
  private static final long serialVersionUID = 1L

  /** 'pass', 'warn', 'fail' or 'error' (could not evaluate). */
  @NonCPS
  static String outcome(int exitCode, Map verdict) {
    if (verdict == null || !(exitCode in [0, 1])) return 'error'
    if (exitCode == 1) return 'fail'
    return verdict.status == 'warn' ? 'warn' : 'pass'
  }

  /** The rules with one of these statuses, as "id: message" joined with "; ". */
  @NonCPS
  static String rules(Map verdict, List statuses) {
    List parts = []
    for (Object r : (List) (verdict?.rules ?: [])) {
      Map rule = (Map) r
      if (statuses.contains(rule.status)) parts.add("${rule.id}: ${rule.message}".toString())
    }
    return parts.join('; ')
  }

  /** The one-line message for the build result. */
  @NonCPS
  static String message(String step, String phase, String outcome, int exitCode, Map verdict) {
    switch (outcome) {
      case 'warn':
        return "${step}: the ${phase} gate passed with warnings: ${rules(verdict, ['warn'])}".toString()
      case 'fail':
        String failed = rules(verdict, ['fail', 'error'])
        if (!failed) failed = rules(verdict, ['warn'])  // --fail-on-warn
        return "${step}: the ${phase} gate failed: ${failed}".toString()
      case 'error':
        return "${step}: the ${phase} gate could not be evaluated (phasegate exit ${exitCode}${verdict == null ? ', no verdict written' : ''}); the reason is in the log above".toString()
      default:
        return "${step}: the ${phase} gate passed".toString()
    }
  }

  /** The Checks API conclusion of an outcome. */
  @NonCPS
  static String conclusion(String outcome) {
    switch (outcome) {
      case 'pass': return 'SUCCESS'
      case 'warn': return 'NEUTRAL'
      default: return 'FAILURE'
    }
  }
}
