import io.phasegate.jenkins.Options
import io.phasegate.jenkins.PhasegateCli

/**
 * Collects reports, documents and facts into an evidence bundle with the bundled phasegate
 * CLI, archives it, and with a project records the run in the history store. Returns
 * [evidence: path, metrics: map, recorded: boolean]. Help: collectMetrics.txt.
 */
def call(Map config = [:]) {
  Map spec = [
    policy: [type: 'string'],
    out: [type: 'string', default: 'phasegate-evidence.json'],
    archive: [type: 'boolean', default: true],
    project: [type: 'string'],
    store: [type: 'string'],
    verdicts: [type: 'strings'],
    pipeline: [type: 'string'],
    build: [type: 'string'],
    commit: [type: 'string'],
    branch: [type: 'string'],
  ] + Options.collectSpec() + Options.nodeSpec()
  Map o = Options.validate(this, 'collectMetrics', config, spec)

  PhasegateCli cli = new PhasegateCli(this, 'collectMetrics')
  cli.prepare(o)

  String store = o.store ?: env.PHASEGATE_STORE
  List args = ['collect']
  PhasegateCli.addCollect(args, o)
  PhasegateCli.addOne(args, '--policy', o.policy)
  if (o.perfBaseline != null && o.perfBaseline.startsWith('store:')) {
    PhasegateCli.addOne(args, '--project', o.project)
    PhasegateCli.addOne(args, '--store', store)
  }
  args.addAll(['--out', o.out])

  int code = cli.run(args)
  if (code != 0) {
    error("collectMetrics: phasegate collect could not read the reports (exit ${code}); the reason is in the log above")
  }
  if (o.archive) {
    archiveArtifacts(artifacts: o.out, fingerprint: true)
  }
  Map bundle = (Map) cli.readJson(o.out)
  Map metrics = (Map) (bundle?.metrics ?: [:])

  boolean recorded = false
  if (o.project) {
    String pipeline = o.pipeline ?: env.JOB_NAME
    String build = o.build ?: env.BUILD_NUMBER
    if (!pipeline || !build) {
      error("collectMetrics: recording the run of project '${o.project}' needs the job's name and build number; give options pipeline and build (env.JOB_NAME and env.BUILD_NUMBER are not set)")
    }
    List record = ['record', 'run', '--project', o.project, '--pipeline', pipeline, '--build', build]
    PhasegateCli.addOne(record, '--commit', o.commit ?: env.GIT_COMMIT)
    PhasegateCli.addOne(record, '--branch', o.branch ?: (env.BRANCH_NAME ?: env.GIT_BRANCH))
    PhasegateCli.addOne(record, '--store', store)
    record.addAll(['--evidence', o.out])
    PhasegateCli.addEach(record, '--verdict', o.verdicts)
    int recordCode = cli.run(record)
    if (recordCode != 0) {
      error("collectMetrics: phasegate record run could not record the run of project '${o.project}' (exit ${recordCode}); the reason is in the log above")
    }
    recorded = true
  }
  return [evidence: o.out, metrics: metrics, recorded: recorded]
}
