package io.phasegate.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * Checks a step's options up front, before anything runs: unknown options (with "did you
 * mean"), missing required ones, wrong types and values. Each problem is one line naming the
 * step, the option and the form expected, given to the pipeline's error step.
 *
 * A spec maps each option name to a map:
 *   type:     'string' | 'strings' (a string or a list of strings) | 'boolean' | 'integer'
 *             | 'choice' | 'closure'
 *   values:   for 'choice', the allowed values
 *   min:      for 'integer', the least value
 *   required: true when the option must be given
 *   default:  the value when not given
 * and the special key '_oneOf' a list of option-name lists of which at least one must be given.
 */
class Options implements Serializable {
  private static final long serialVersionUID = 1L

  /** The checked options with defaults filled in; calls steps.error on the first problem. */
  static Map validate(def steps, String step, Map config, Map spec) {
    Map result = check(step, config, spec)
    if (result.error) {
      steps.error((String) result.error)
    }
    return (Map) result.options
  }

  /** [error: message] or [options: checked options with defaults]. */
  @NonCPS
  static Map check(String step, Map config, Map spec) {
    Map given = config == null ? [:] : config
    List<String> known = []
    for (Object k : spec.keySet()) {
      if (!k.toString().startsWith('_')) known.add(k.toString())
    }
    for (Object key : given.keySet()) {
      String name = String.valueOf(key)
      if (!known.contains(name)) {
        String near = closest(name, known)
        String hint = near != null ? "; did you mean '${near}'?" : ''
        return [error: "${step}: unknown option '${name}'${hint} (options: ${known.sort(false).join(', ')})".toString()]
      }
    }
    Map options = [:]
    for (String name : known) {
      Map rule = (Map) spec[name]
      boolean present = given.containsKey(name) && given[name] != null
      if (!present) {
        if (rule.required) {
          return [error: "${step}: option '${name}' is required: ${expected(rule)}".toString()]
        }
        options[name] = rule.containsKey('default') ? rule['default'] : null
        continue
      }
      Object value = given[name]
      Map checked = checkValue(step, name, value, rule)
      if (checked.error) return checked
      options[name] = checked.value
    }
    if (spec._oneOf) {
      for (Object group : (List) spec._oneOf) {
        List names = (List) group
        boolean any = false
        for (Object n : names) {
          if (options[n] != null) any = true
        }
        if (!any) {
          List parts = []
          for (Object n : names) parts.add("'${n}' (${expected((Map) spec[n])})".toString())
          return [error: "${step}: give option ${parts.join(' or ')}".toString()]
        }
      }
    }
    return [options: options]
  }

  @NonCPS
  private static Map checkValue(String step, String name, Object value, Map rule) {
    String type = rule.type
    String bad = "${step}: option '${name}' must be ${expected(rule)}; got ${show(value)}".toString()
    if (type == 'string') {
      if (!(value instanceof CharSequence) || value.toString().trim().isEmpty()) return [error: bad]
      return [value: value.toString()]
    }
    if (type == 'strings') {
      if (value instanceof CharSequence) {
        if (value.toString().trim().isEmpty()) return [error: bad]
        return [value: [value.toString()]]
      }
      if (value instanceof List) {
        List out = []
        for (Object v : (List) value) {
          if (!(v instanceof CharSequence) || v.toString().trim().isEmpty()) return [error: bad]
          out.add(v.toString())
        }
        if (out.isEmpty()) return [error: bad]
        return [value: out]
      }
      return [error: bad]
    }
    if (type == 'boolean') {
      if (value instanceof Boolean) return [value: value]
      return [error: bad]
    }
    if (type == 'integer') {
      Long n = null
      if (value instanceof Integer || value instanceof Long || value instanceof Short) {
        n = ((Number) value).longValue()
      } else if (value instanceof CharSequence && value.toString() ==~ /-?[0-9]+/) {
        n = Long.parseLong(value.toString())
      }
      if (n == null) return [error: bad]
      if (rule.containsKey('min') && n < ((Number) rule.min).longValue()) return [error: bad]
      return [value: n.intValue()]
    }
    if (type == 'choice') {
      List values = (List) rule.values
      String s = value instanceof CharSequence ? value.toString() : null
      if (s == null || !values.contains(s)) {
        String near = s == null ? null : closest(s, values.collect { it.toString() })
        String hint = near != null ? " (did you mean '${near}'?)" : ''
        return [error: "${bad}${hint}".toString()]
      }
      return [value: s]
    }
    if (type == 'closure') {
      if (value instanceof Closure) return [value: value]
      return [error: bad]
    }
    throw new IllegalArgumentException("unknown option type ${type} for ${name}")
  }

  /** The expected form of an option, for messages. */
  @NonCPS
  static String expected(Map rule) {
    switch (rule.type) {
      case 'string': return 'a non-empty string'
      case 'strings': return 'a string or a list of strings (e.g. \'reports/*.xml\' or [\'a/*.xml\', \'b/*.xml\'])'
      case 'boolean': return 'true or false'
      case 'integer': return rule.containsKey('min') ? "a whole number of at least ${rule.min}".toString() : 'a whole number'
      case 'choice': return "one of ${((List) rule.values).join(', ')}".toString()
      case 'closure': return 'a closure, e.g. { sh \'./rollback.sh\' }'
      default: return String.valueOf(rule.type)
    }
  }

  /** A given value for messages; never interpolates a closure into a GString (which would call it). */
  @NonCPS
  private static String show(Object value) {
    if (value instanceof CharSequence) return "'" + value.toString() + "'"
    if (value == null) return 'null'
    if (value instanceof Closure) return 'a closure'
    return String.valueOf(value) + ' (' + value.getClass().simpleName + ')'
  }

  /**
   * The known name nearest to name: one it starts (or that starts it), ignoring case, else the
   * nearest by edit distance when that is small for its length; null when none is near.
   */
  @NonCPS
  static String closest(String name, List<String> known) {
    String lower = name.toLowerCase()
    if (lower.length() >= 3) {
      for (String k : known) {
        String kl = k.toLowerCase()
        if (kl.startsWith(lower) || lower.startsWith(kl)) return k
      }
    }
    String best = null
    int bestDistance = Integer.MAX_VALUE
    for (String k : known) {
      int d = distance(name.toLowerCase(), k.toLowerCase())
      if (d < bestDistance) {
        best = k
        bestDistance = d
      }
    }
    int limit = Math.min(3, Math.max(1, (int) (name.length() / 2)))
    return bestDistance <= limit ? best : null
  }

  @NonCPS
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1]
    int[] cur = new int[b.length() + 1]
    for (int j = 0; j <= b.length(); j++) prev[j] = j
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost)
      }
      int[] t = prev
      prev = cur
      cur = t
    }
    return prev[b.length()]
  }

  /** The options every step shares: which Node runs the CLI. */
  @NonCPS
  /** The report options phaseGate and collectMetrics share: what `phasegate collect` reads. */
  static Map collectSpec() {
    return [
      junit: [type: 'strings'],
      coverage: [type: 'strings'],
      sarif: [type: 'strings'],
      docs: [type: 'strings'],
      perf: [type: 'strings'],
      perfBaseline: [type: 'string'],
      source: [type: 'string'],
      include: [type: 'strings'],
      exclude: [type: 'strings'],
      base: [type: 'string'],
      facts: [type: 'string'],
      allowEmpty: [type: 'boolean', default: false],
      testRetries: [type: 'choice', values: ['marked', 'same-name']],
    ]
  }

  static Map nodeSpec() {
    return [
      node: [type: 'string'],
      nodejs: [type: 'string'],
    ]
  }
}
