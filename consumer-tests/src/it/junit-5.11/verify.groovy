// The tests must have RUN: a JUnit clash shows as zero tests, not as a failure.
def reports = new File(basedir, 'target/surefire-reports').listFiles({ f -> f.name ==~ /TEST-.*\.xml/ } as FileFilter)
assert reports != null && reports.length == 2 : "expected the reports of 2 test classes, found ${reports?.collect { it.name }}"
int tests = 0, failures = 0, errors = 0, skipped = 0
reports.each { f ->
  def suite = new groovy.xml.XmlSlurper().parse(f)
  tests += suite.@tests.toInteger(); failures += suite.@failures.toInteger()
  errors += suite.@errors.toInteger(); skipped += suite.@skipped.toInteger()
}
println "consumer ${basedir.name}: tests=${tests} failures=${failures} errors=${errors} skipped=${skipped}"
assert tests >= 6 : "expected the kit's 5 tests and the monitor test to run, ran ${tests}"
assert failures == 0 && errors == 0
// the kit's two hanging-target tests are skipped by design for a probe with nothing that can hang
assert tests - skipped >= 4
return true
