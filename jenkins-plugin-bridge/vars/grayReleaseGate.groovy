import io.phasegate.jenkins.Options
import io.phasegate.jenkins.PhasegateCli
import io.phasegate.jenkins.Publisher
import io.phasegate.jenkins.ReleaseDecision

/**
 * The gray-release gate of one rollout step with the bundled phasegate CLI: looks at the step
 * (release evaluate) until it is promoted (returns the decision), rolled back (runs the rollback
 * closure, then fails the stage), holds for an approval (asks the approvers the policy names
 * with input, records the approval, looks again) or holds for data (sleeps pollSeconds, looks
 * again, until dataTimeoutMinutes). Help: grayReleaseGate.txt.
 */
def call(Map config = [:]) {
  Map spec = [
    project: [type: 'string', required: true],
    rollout: [type: 'string', required: true],
    step: [type: 'integer', min: 0, required: true],
    policy: [type: 'string'],
    tier: [type: 'choice', values: ['strategic', 'operational', 'innovation']],
    prometheus: [type: 'string'],
    samples: [type: 'string'],
    store: [type: 'string'],
    commit: [type: 'string'],
    startedAt: [type: 'string'],
    window: [type: 'string'],
    queryStep: [type: 'integer', min: 1],
    pollSeconds: [type: 'integer', min: 1, default: 60],
    dataTimeoutMinutes: [type: 'integer', min: 1, default: 60],
    approvalTimeoutMinutes: [type: 'integer', min: 1, default: 60],
    rollback: [type: 'closure'],
    onFail: [type: 'choice', values: ['FAILURE', 'UNSTABLE'], default: 'FAILURE'],
    out: [type: 'string', default: 'phasegate-out/release/decision.json'],
    _oneOf: [['policy', 'tier']],
  ] + Options.nodeSpec()
  Map o = Options.validate(this, 'grayReleaseGate', config, spec)

  PhasegateCli cli = new PhasegateCli(this, 'grayReleaseGate')
  cli.prepare(o)

  String store = o.store ?: env.PHASEGATE_STORE
  String commit = o.commit ?: env.GIT_COMMIT
  String what = "step ${o.step} of ${o.project}/${o.rollout}"
  List evaluate = ['release', 'evaluate', '--project', o.project, '--rollout', o.rollout, '--step', String.valueOf(o.step)]
  PhasegateCli.addOne(evaluate, '--policy', o.policy)
  PhasegateCli.addOne(evaluate, '--tier', o.tier)
  PhasegateCli.addOne(evaluate, '--store', store)
  PhasegateCli.addOne(evaluate, '--prometheus', o.prometheus)
  PhasegateCli.addOne(evaluate, '--samples', o.samples)
  PhasegateCli.addOne(evaluate, '--commit', commit)
  PhasegateCli.addOne(evaluate, '--started-at', o.startedAt)
  PhasegateCli.addOne(evaluate, '--window', o.window)
  PhasegateCli.addOne(evaluate, '--query-step', o.queryStep)
  evaluate.addAll(['--format', 'json', '--out', o.out])

  Publisher publisher = new Publisher(this)
  Map approvers = null
  int waitedSeconds = 0
  while (true) {
    cli.remove([o.out])
    int code = cli.run(evaluate)
    Map decision = (Map) cli.readJson(o.out)
    String verdict = decision?.decision
    if (decision?.head) echo("grayReleaseGate: ${what}: ${verdict}; chain head ${decision.head}")

    if (code == 0 && verdict == 'promote') {
      publisher.describe("release step ${o.step}: promote")
      return decision
    }
    if (code == 1 && verdict == 'rollback') {
      publisher.describe("release step ${o.step}: rollback")
      String why = ReleaseDecision.reasons(decision, 'rollback')
      if (o.rollback != null) {
        echo("grayReleaseGate: rolling ${what} back: ${why}")
        o.rollback.call()
      }
      String message = "grayReleaseGate: ${what} rolled back: ${why}"
      if (o.onFail == 'UNSTABLE') {
        unstable(message)
        return decision
      }
      error(message)
    }
    if (code != 3 || verdict != 'hold') {
      error("grayReleaseGate: ${what} could not be evaluated (phasegate exit ${code}${decision == null ? ', no decision written' : ''}); the reason is in the log above")
    }

    String kind = ReleaseDecision.holdKind(decision)
    String holds = ReleaseDecision.reasons(decision, 'hold')
    if (kind == 'final') {
      error("grayReleaseGate: ${what} cannot be promoted: ${holds}")
    }
    if (kind == 'approval') {
      if (approvers == null) {
        List explain = ['policy', 'explain', '--phase', 'release', '--format', 'json']
        PhasegateCli.addOne(explain, '--policy', o.policy)
        PhasegateCli.addOne(explain, '--tier', o.tier)
        approvers = ReleaseDecision.approvers((Map) PhasegateCli.parseJson(cli.output(explain)), (int) o.step)
      }
      if (approvers.names.isEmpty()) {
        error("grayReleaseGate: ${what} waits for approvals but the policy names nobody who may give them: ${holds}")
      }
      String submitter = approvers.names.join(',')
      def answer = null
      try {
        timeout(time: o.approvalTimeoutMinutes, unit: 'MINUTES') {
          answer = input(message: "Promote ${what}? ${holds}", ok: 'Approve', submitter: submitter, submitterParameter: 'approver')
        }
      } catch (e) {
        Map interrupted = ReleaseDecision.interruption(e)
        if (interrupted?.kind == 'rejected') {
          publisher.describe("release step ${o.step}: rejected")
          if (o.rollback != null) {
            echo("grayReleaseGate: ${what} was rejected; rolling back")
            o.rollback.call()
          }
          error("grayReleaseGate: ${what} was rejected${interrupted.by ? ' by ' + interrupted.by : ''}; nothing was promoted${o.rollback != null ? ', the rollback ran' : ''}")
        }
        if (interrupted?.kind == 'timeout') {
          error("grayReleaseGate: nobody approved ${what} within ${o.approvalTimeoutMinutes} minutes (approvers: ${submitter}); nothing was promoted")
        }
        throw e
      }
      String approver = ReleaseDecision.approverOf(answer)
      if (!approver) {
        error("grayReleaseGate: the approval of ${what} did not say who approved")
      }
      String role = approvers.roles[approver]
      if (role == null) {
        echo("grayReleaseGate: ${approver} is not among the policy's release approvers; the approval is recorded but does not count")
        role = 'unlisted'
      }
      List approve = ['release', 'approve', '--project', o.project, '--rollout', o.rollout,
        '--by', approver, '--role', role, '--step', String.valueOf(o.step)]
      PhasegateCli.addOne(approve, '--commit', commit)
      PhasegateCli.addOne(approve, '--store', store)
      int approved = cli.run(approve)
      if (approved != 0) {
        error("grayReleaseGate: phasegate could not record ${approver}'s approval of ${what} (exit ${approved}); the reason is in the log above")
      }
      continue
    }
    if (waitedSeconds >= o.dataTimeoutMinutes * 60) {
      error("grayReleaseGate: ${what} still holds after ${o.dataTimeoutMinutes} minutes of waiting for data: ${holds}; nothing was promoted")
    }
    echo("grayReleaseGate: ${what} holds: ${holds}; looking again in ${o.pollSeconds} s")
    sleep(time: o.pollSeconds, unit: 'SECONDS')
    waitedSeconds += o.pollSeconds
  }
}
