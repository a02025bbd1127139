package io.phasegate.jenkins

import com.cloudbees.groovy.cps.NonCPS

/** Reading `release evaluate --format json` decisions, the policy's approvers and input interruptions. */
class ReleaseDecision implements Serializable {
  private static final long serialVersionUID = 1L

  /** Hold reasons that no waiting resolves: the step asked about is not the rollout's current one. */
  static final List FINAL_HOLDS = ['step-mismatch', 'completed']

  /** The messages of the reasons with this effect, joined with "; ". */
  @NonCPS
  static String reasons(Map decision, String effect) {
    List parts = []
    for (Object r : (List) (decision?.reasons ?: [])) {
      Map reason = (Map) r
      if (reason.effect == effect) parts.add(String.valueOf(reason.message))
    }
    return parts.join('; ')
  }

  /** The codes of the hold reasons. */
  @NonCPS
  static List holdCodes(Map decision) {
    List codes = []
    for (Object r : (List) (decision?.reasons ?: [])) {
      Map reason = (Map) r
      if (reason.effect == 'hold') codes.add(String.valueOf(reason.code))
    }
    return codes
  }

  /** 'approval' when the step waits only for approvals, 'final' when waiting cannot help, else 'data'. */
  @NonCPS
  static String holdKind(Map decision) {
    List codes = holdCodes(decision)
    for (Object c : codes) {
      if (FINAL_HOLDS.contains(c)) return 'final'
    }
    if (!codes.isEmpty() && codes.every { it == 'approval-missing' }) return 'approval'
    return 'data'
  }

  /**
   * Who may approve step `step`, from `policy explain --phase release --format json`:
   * [names: the people named in the step's approvals.of, else the approvers holding its role;
   *  roles: name -> role of every approver; min: approvals needed]. names is empty when the
   * policy names nobody.
   */
  @NonCPS
  static Map approvers(Map explain, int step) {
    Map release = (Map) (explain?.release ?: [:])
    List stepsList = (List) (release.steps ?: [])
    Map roles = [:]
    for (Object a : (List) (release.approvers ?: [])) {
      Map approver = (Map) a
      roles[String.valueOf(approver.name)] = String.valueOf(approver.role)
    }
    if (step < 0 || step >= stepsList.size()) return [names: [], roles: roles, min: 0]
    Map need = (Map) (((Map) stepsList[step]).approvals ?: [:])
    List names = []
    if (need.of) {
      for (Object n : (List) need.of) names.add(String.valueOf(n))
    } else {
      String role = need.role ?: 'release-manager'
      for (Object a : (List) (release.approvers ?: [])) {
        Map approver = (Map) a
        if (approver.role == role) names.add(String.valueOf(approver.name))
      }
    }
    return [names: names, roles: roles, min: need.min ?: 0]
  }

  /** The approver an input step returned: its submitter string, or the map's 'approver' entry. */
  @NonCPS
  static String approverOf(Object answer) {
    if (answer instanceof Map) {
      Object who = ((Map) answer).approver
      return who == null ? null : String.valueOf(who)
    }
    return answer == null ? null : String.valueOf(answer)
  }

  /**
   * [kind: 'rejected' (an input was rejected; by: the user, when known) or 'timeout' (a timeout
   * expired)] for a FlowInterruptedException, or null for anything else. Classes are matched by
   * simple name so the library compiles without the pipeline plugins.
   */
  @NonCPS
  static Map interruption(Throwable e) {
    if (e == null || e.getClass().simpleName != 'FlowInterruptedException') return null
    List causes = []
    try {
      causes = (List) e.causes
    } catch (MissingPropertyException ignored) {
      return null
    }
    for (Object cause : causes) {
      String name = cause.getClass().simpleName
      if (name == 'Rejection') {
        String by = null
        try {
          def user = cause.user
          by = user == null ? null : String.valueOf(user.id)
        } catch (MissingPropertyException ignored) {
          by = null
        }
        return [kind: 'rejected', by: by]
      }
    }
    for (Object cause : causes) {
      if (cause.getClass().simpleName == 'ExceededTimeout') return [kind: 'timeout']
    }
    return null
  }
}
