import gc
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samensterk.settings")
application = get_wsgi_application()

if settings.WARM_UP:
    # Load the pseudonymiser's lookup structures and the compiled search now, not at the first
    # story a reporter sends. With `gunicorn --preload` this happens once, in the master, and the
    # workers share that memory.
    from samensterk.insight.search_kernel import warm_up as warm_up_search
    from samensterk.privacy.pseudonymise import warm_up as warm_up_pseudonymiser

    warm_up_pseudonymiser()
    warm_up_search()
    # Whatever the warm-up read (the cache is a database table by default), no database
    # connection of the master may live on in the workers it forks.
    from django.db import connections

    connections.close_all()
    # Millions of objects that live as long as the process (mostly the pseudonymiser's name
    # lists): a full garbage collection over them takes seconds, during which the worker answers
    # nobody. Frozen, garbage collection never looks at them again, and the workers' memory
    # pages with them stay shared with the master (no copy-on-write by its bookkeeping).
    gc.freeze()
