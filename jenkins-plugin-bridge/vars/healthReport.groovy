import io.phasegate.jenkins.Options
import io.phasegate.jenkins.PhasegateCli
import io.phasegate.jenkins.Plugins
import io.phasegate.jenkins.Publisher

/**
 * Writes the project's health report with the bundled phasegate CLI as a CSP-safe HTML page
 * (index.html with an external stylesheet) and as Markdown, publishes the page (HTML Publisher,
 * else archived) and the Markdown as a check. Returns [dir:, html:, css:, markdown:].
 * Help: healthReport.txt.
 */
def call(Map config = [:]) {
  Map spec = [
    project: [type: 'string', required: true],
    store: [type: 'string'],
    evidence: [type: 'string'],
    verdicts: [type: 'strings'],
    pipeline: [type: 'string'],
    build: [type: 'string'],
    tier: [type: 'choice', values: ['strategic', 'operational', 'innovation']],
    policy: [type: 'string'],
    plan: [type: 'string'],
    defects: [type: 'string'],
    asOf: [type: 'string'],
    reportDir: [type: 'string', default: 'phasegate-report'],
    reportName: [type: 'string', default: 'phasegate health'],
    markdownFor: [type: 'choice', values: ['job-summary', 'check-run', 'comment'], default: 'check-run'],
    checksName: [type: 'string', default: 'phasegate health'],
  ] + Options.nodeSpec()
  Map o = Options.validate(this, 'healthReport', config, spec)

  PhasegateCli cli = new PhasegateCli(this, 'healthReport')
  cli.prepare(o)

  String dir = o.reportDir
  String html = "${dir}/index.html"
  String css = "${dir}/${PhasegateCli.HTML_STYLESHEET}"
  String markdown = "${dir}/phasegate-health.md"

  List args = ['report', '--project', o.project]
  PhasegateCli.addOne(args, '--store', o.store ?: env.PHASEGATE_STORE)
  PhasegateCli.addOne(args, '--evidence', o.evidence)
  if (o.evidence) {
    // This run as collectMetrics recorded it, so that it counts once in the trends.
    PhasegateCli.addOne(args, '--pipeline', o.pipeline ?: env.JOB_NAME)
    PhasegateCli.addOne(args, '--build', o.build ?: env.BUILD_NUMBER)
  }
  PhasegateCli.addEach(args, '--verdict', o.verdicts)
  PhasegateCli.addOne(args, '--tier', o.tier)
  PhasegateCli.addOne(args, '--policy', o.policy)
  PhasegateCli.addOne(args, '--plan', o.plan)
  PhasegateCli.addOne(args, '--defects', o.defects)
  PhasegateCli.addOne(args, '--as-of', o.asOf)

  // Jenkins' default Content Security Policy blocks inline styles: the page links its stylesheet,
  // written beside it (the CLI shipped in this library always can).
  int code = cli.run(args + ['--format', 'html', '--out', html, PhasegateCli.HTML_ASSETS_OPTION, PhasegateCli.HTML_ASSETS_EXTERNAL])
  if (code != 0) {
    error("healthReport: phasegate report could not write the HTML report of '${o.project}' (exit ${code}); the reason is in the log above")
  }
  if (!fileExists(css)) {
    error("healthReport: phasegate report wrote ${html} without its stylesheet ${css}")
  }
  code = cli.run(args + ['--format', 'md', '--markdown-for', o.markdownFor, '--out', markdown])
  if (code != 0) {
    error("healthReport: phasegate report could not write the Markdown report of '${o.project}' (exit ${code}); the reason is in the log above")
  }

  if (Plugins.active(Plugins.HTML_PUBLISHER)) {
    publishHTML(target: [reportDir: dir, reportFiles: 'index.html', reportName: o.reportName,
      keepAll: true, alwaysLinkToLastBuild: true, allowMissing: false])
  } else {
    archiveArtifacts(artifacts: "${dir}/**".toString())
  }
  new Publisher(this).checks(o.checksName, "${o.project} health report", markdown, 'NEUTRAL')
  return [dir: dir, html: html, css: css, markdown: markdown]
}
