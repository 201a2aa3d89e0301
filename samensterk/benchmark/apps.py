from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    name = "samensterk.benchmark"
    label = "benchmark"
    verbose_name = "Benchmark"
