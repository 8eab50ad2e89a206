"""gunicorn settings: access logs without IP addresses, so no child can be traced from them."""

# Request line, status and size only: no remote address, user agent or referrer.
accesslog = "-"
access_log_format = '"%(r)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
worker_class = "sync"
