"""gunicorn settings: access logs without IP addresses, so no child can be traced from them."""

# Request line, status and size only: no remote address, user agent or referrer.
accesslog = "-"
access_log_format = '"%(r)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
worker_class = "sync"


def post_worker_init(worker: object) -> None:
    """Load the danger detector's model in each worker before it takes a request: the first
    child to write should not wait for it, and a missing model should stop the start."""
    from feedback_bot.safeguarding import warm_up

    warm_up()
