// ReportCacheTest fails on purpose: its Surefire report must hold memprof-junit's two messages, with the method that
// allocated and the static field that holds the leak.
def report = new File(basedir, 'target/surefire-reports/com.example.orders.ReportCacheTest.txt').text
assert report.contains('@MaxAllocation("8 MiB") exceeded: the test allocated')
assert report.contains('at com.example.orders.ReportCacheTest.render')
assert report.contains('@MaxRetained("1 MiB") exceeded')
assert report.contains('static field com.example.orders.ReportCacheTest.RENDERED, a java.util.ArrayList')
def passing = new File(basedir, 'target/surefire-reports/com.example.orders.OrderBookTest.txt').text
assert passing.contains('Tests run: 3, Failures: 0, Errors: 0')
return true
