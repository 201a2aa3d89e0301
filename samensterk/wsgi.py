import gc
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samensterk.settings")
application = get_wsgi_application()

if settings.WARM_UP:
    # Load the compiled search now, not at the first search. With `gunicorn --preload` this
    # happens once, in the master, and the workers share that memory. (The pseudonymiser is not
    # loaded here: only the task worker pseudonymises.)
    from samensterk.insight.search_kernel import warm_up as warm_up_search

    warm_up_search()
    # Whatever the warm-up read (the cache is a database table by default), no database
    # connection of the master may live on in the workers it forks.
    from django.db import connections

    connections.close_all()
    # Objects that live as long as the process (the search's structures): frozen, the collector
    # never looks at them again, and the workers' memory pages with them stay shared with the
    # master (no copy-on-write by the collector's bookkeeping).
    gc.freeze()
