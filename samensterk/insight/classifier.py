"""Theme suggestion: a keyword scorer for the cold start, a learned model once there are labels.

- The keyword scorer knows each theme by its name, description and editable keywords, stemmed
  (Dutch snowball). It finds compounds ('leerlingenvervoer' holds 'vervoer') by substring and
  misspellings ('chaufeur') by fuzzy matching. Works on a fresh installation without labels.
- The learned model is logistic regression over TF-IDF of stems and word pairs, character
  n-grams (robust to spelling and compounds) and the keyword scores themselves, trained on the
  organisation's own confirmed themes: it learns which keywords to trust and which words to add.
  With few labels it is blended with the keyword scorer, weighted by the number of labels.

Everything runs on the CPU, in-process, offline.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field

import ahocorasick
import numpy as np
from rapidfuzz import fuzz, process

from .knowledge import STRONG, WEAK
from .text import STOPWORDS, content_stems, fold, folded_words, is_generic, stem, words

# Triage pre-selects a theme only when the calibrated confidence reaches CONFIDENT and the
# runner-up is at least MARGIN behind; otherwise it asks. On the dev set (issue 36) that
# pre-selects about 7 in 10 signals and is right for 85-89 % of those.
CONFIDENT = 0.7
MARGIN = 0.25
# Patterns count an unconfirmed signal under its top theme from this confidence on: a count,
# not a choice made for someone, so it stays where it was.
PATTERN_CONFIDENT = 0.45
BLEND_HALF = 20  # too few labels to calibrate: with this many, model and keywords weigh equally
SVM_C = 0.5
CALIBRATION_FOLDS = 5
TEMPERATURES = np.geomspace(0.05, 2.0, 30)
ALPHAS = np.linspace(0.5, 1.0, 11)
DEFAULT_TEMPERATURE = 0.3
# The keyword prior's softmax sharpness, fitted (lowest log loss) on the dev set's training
# half with no training at all: the cold start's confidence is calibrated too.
PRIOR_SHARPNESS = 1.0
KEYWORD_FEATURE_SCALE = 0.3  # the keyword scores enter the learned model as features
WEAK_WEIGHT = 0.4  # a weak knowledge term (knowledge.WEAK) against a strong one or a keyword
PHRASE_WEIGHT = 1.5  # a whole phrase found ('wet langdurige zorg') against one term


@dataclass(frozen=True)
class ThemeProfile:
    code: str
    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()

    @classmethod
    def from_theme(cls, theme) -> ThemeProfile:
        return cls(theme.code, theme.name, theme.description, tuple(theme.keyword_list))


@dataclass
class Suggestion:
    code: str
    confidence: float
    words: list[str] = field(default_factory=list)


def is_sure(confidences: list[float]) -> bool:
    """Sure enough to pre-select the first: confident, and no close second."""
    if not confidences or confidences[0] < CONFIDENT:
        return False
    return len(confidences) < 2 or confidences[0] - confidences[1] >= MARGIN


def _split(terms: str) -> list[str]:
    return [t.strip() for t in terms.split(",") if t.strip()]


class KeywordScorer:
    def __init__(self, profiles: list[ThemeProfile], knowledge: bool = True):
        self.codes = [p.code for p in profiles]
        theme_terms: list[dict[str, float]] = []
        theme_phrases: list[dict[str, float]] = []
        for profile in profiles:
            phrases = [(profile.name, 1.0)] + [(k, 1.0) for k in profile.keywords]
            phrases += [(d, 1.0) for d in re.split(r"[,;:.()]", profile.description)]
            if knowledge:
                phrases += [(k, 1.0) for k in _split(STRONG.get(profile.code, ""))]
                phrases += [(k, WEAK_WEIGHT) for k in _split(WEAK.get(profile.code, ""))]
            terms: dict[str, float] = {}
            multiword: dict[str, float] = {}
            for phrase, weight in phrases:
                stems = [s for s in content_stems(phrase) if len(s) > 1]
                for s in stems:
                    terms[s] = max(terms.get(s, 0.0), weight)
                folded = " ".join(words(phrase))
                if len(stems) > 1 and len(folded) > 6:
                    multiword[folded] = max(multiword.get(folded, 0.0), weight)
            theme_terms.append(terms)
            theme_phrases.append(multiword)
        # A term that belongs to many themes says little: weigh by inverse theme frequency.
        counts: dict[str, int] = {}
        for terms in theme_terms:
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
        n = len(profiles)
        self.theme_terms = [
            {t: w * math.log(1 + n / counts[t]) for t, w in terms.items()} for terms in theme_terms
        ]
        self.theme_phrases = theme_phrases
        self.all_terms = sorted(counts)

    def __getstate__(self):
        # The per-word caches (underscore attributes) are rebuilt after loading, not stored.
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def word_terms(self, word: str) -> frozenset[str]:
        """The theme terms one word carries: its stem, the terms inside a compound
        ('leerlingenvervoer' holds 'vervoer') and near-misspellings ('chaufeur'). Cached."""
        found = self.__dict__.get("_words", {}).get(word)
        if found is None:
            self.learn_words([word])
            found = self._words[word]
        return found

    def learn_words(self, new_words) -> None:
        """word_terms for many words at once, into the cache: the compounds' terms in one pass
        per word (Aho-Corasick), the misspellings in one comparison of all words with all terms
        (rapidfuzz's cdist; one call per word cost ten times as much)."""
        cache = self.__dict__.setdefault("_words", {})
        new_words = [w for w in dict.fromkeys(new_words) if w not in cache]
        if not new_words:
            return
        if len(cache) + len(new_words) > 100_000:
            cache.clear()
        if not hasattr(self, "_inside"):
            self._fuzzy_terms = [t for t in self.all_terms if len(t) >= 5]
            self._term_set = frozenset(self.all_terms)
            inside = ahocorasick.Automaton()
            for term in self.all_terms:
                if len(term) >= 4:
                    inside.add_word(term, term)
            if len(inside):
                inside.make_automaton()
            self._inside = inside if len(inside) else None
        bases = [stem(w) for w in new_words]
        found = [{base} & self._term_set for base in bases]
        if self._inside is not None:
            for terms, word in zip(found, new_words, strict=True):
                if len(word) >= 8:
                    terms.update(term for _end, term in self._inside.iter(word))
        fuzzy = [i for i, base in enumerate(bases) if len(base) >= 5]
        if fuzzy and self._fuzzy_terms:
            scores = process.cdist(
                [bases[i] for i in fuzzy], self._fuzzy_terms, scorer=fuzz.ratio, score_cutoff=84
            )
            for row, column in zip(*np.nonzero(scores), strict=True):
                found[fuzzy[row]].add(self._fuzzy_terms[column])
        cache.update(zip(new_words, map(frozenset, found), strict=True))

    def matched(
        self, text: str, folded: str | None = None, text_words: list[str] | None = None
    ) -> list[dict[str, float]]:
        """Per theme, the matched terms and their weights. folded, text_words: fold(text) and
        words(text), when the caller has them already."""
        by_term = self.__dict__.get("_by_term")
        if by_term is None:
            by_term = {}
            for index, terms in enumerate(self.theme_terms):
                for term, weight in terms.items():
                    by_term.setdefault(term, []).append((index, weight))
            self._by_term = by_term
        found: set[str] = set()
        cache = self.__dict__.get("_words", {})
        if folded is None:
            folded = fold(text)
        if text_words is None:
            text_words = folded_words(folded)
        for word in set(text_words) - STOPWORDS:
            terms = cache.get(word)
            found |= self.word_terms(word) if terms is None else terms
        result: list[dict[str, float]] = [{} for _ in self.theme_terms]
        for term in found:
            for index, weight in by_term[term]:
                result[index][term] = weight
        finder = self._phrase_finder()
        for _end, found_phrases in finder.iter(folded) if finder else ():
            for index, phrase, weight in found_phrases:
                result[index][phrase] = PHRASE_WEIGHT * weight
        return result

    def _phrase_finder(self):
        """Every theme's phrases in one automaton (Aho-Corasick): a text is read once for all
        of them instead of once per phrase; it yields (end, ((theme index, phrase), ...)) per
        phrase found, as often as it occurs; False without phrases. Built on first use, not
        stored."""
        finder = self.__dict__.get("_phrases")
        if finder is None:
            if not any(self.theme_phrases):
                self._phrases = False
                return False
            finder = ahocorasick.Automaton()
            for index, phrases in enumerate(self.theme_phrases):
                for phrase, weight in phrases.items():
                    found = finder.get(phrase, ())
                    finder.add_word(phrase, (*found, (index, phrase, weight)))
            # A phrase of several themes is one word of the automaton: its value names them all.
            finder.make_automaton()
            self._phrases = finder
        return finder

    def scores(self, text: str, matched=None) -> np.ndarray:
        return np.array([sum(h.values()) for h in (matched or self.matched(text))])

    def probabilities(self, texts: list[str], matched: list | None = None) -> np.ndarray:
        if matched is None:
            matched = [self.matched(text) for text in texts]
        if not texts:
            return np.zeros((0, len(self.codes)))
        raw = np.array([[sum(h.values()) for h in hits] for hits in matched])
        rows = _softmax(PRIOR_SHARPNESS * raw)
        rows[raw.max(axis=1) <= 0] = 1 / len(self.codes)  # nothing matched: all equally likely
        return rows


def _terms(text: str) -> list[str]:
    stems = content_stems(text)
    return stems + [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]


def _softmax(logits: np.ndarray) -> np.ndarray:
    weights = np.exp(logits - logits.max(axis=1, keepdims=True))
    return weights / weights.sum(axis=1, keepdims=True)


class ThemeClassifier:
    def __init__(self, profiles: list[ThemeProfile]):
        self.profiles = profiles
        self.codes = [p.code for p in profiles]
        self.keywords = KeywordScorer(profiles)
        self.vectorizer = None
        self.model = None
        self.n_train = 0
        self.temperature = DEFAULT_TEMPERATURE
        self.alpha = 1.0

    # --- training ---------------------------------------------------------------------------
    def _new_vectorizer(self):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion

        return FeatureUnion(
            [
                ("terms", TfidfVectorizer(analyzer=_terms, sublinear_tf=True)),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=(3, 5),
                        preprocessor=fold,
                        sublinear_tf=True,
                        min_df=2,
                        max_features=150_000,
                    ),
                ),
            ]
        )

    @staticmethod
    def _new_model():
        from sklearn.svm import LinearSVC

        # A linear SVM: on the dev set as good as or better than logistic regression and a
        # hundred times faster to train, which pays for the calibration's cross-validation.
        return LinearSVC(C=SVM_C, class_weight="balanced")

    def fit(self, texts: list[str], labels: list[str]) -> ThemeClassifier:
        pairs = [
            (t, c) for t, c in zip(texts, labels, strict=True) if c in self.codes and t.strip()
        ]
        self.n_train = len(pairs)
        if len({c for _t, c in pairs}) < 2:
            self.model = None
            return self
        texts, labels = [t for t, _c in pairs], [c for _t, c in pairs]
        self.temperature, self.alpha = self._calibrate(texts, labels)
        self.vectorizer = self._new_vectorizer()
        self.model = self._new_model().fit(self._features(texts, fit=True), labels)
        return self

    def _calibrate(self, texts: list[str], labels: list[str]) -> tuple[float, float]:
        """The temperature of the model's margins and the weight of the model against the
        keyword prior, chosen on out-of-fold predictions (the texts each fold did not see) to
        give the lowest log loss: a confidence of 0.8 is then right about 8 times in 10."""
        from sklearn.model_selection import StratifiedKFold

        counts = {c: labels.count(c) for c in set(labels)}
        folds = min(CALIBRATION_FOLDS, min(counts.values()))
        if folds < 2:
            return DEFAULT_TEMPERATURE, self.n_train / (self.n_train + BLEND_HALF)
        margins = np.full((len(texts), len(self.codes)), -np.inf)
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=36)
        for train_index, test_index in splitter.split(texts, labels):
            part = ThemeClassifier.__new__(ThemeClassifier)
            part.keywords, part.codes = self.keywords, self.codes
            part.vectorizer = self._new_vectorizer()
            fold_labels = [labels[i] for i in train_index]
            if len(set(fold_labels)) < 2:
                continue
            part.model = self._new_model().fit(
                part._features([texts[i] for i in train_index], fit=True), fold_labels
            )
            margins[np.ix_(test_index, part._columns())] = part._margins(
                part._features([texts[i] for i in test_index])
            )
        prior = self.keywords.probabilities(texts)
        truth = np.array([self.codes.index(c) for c in labels])
        best = (np.inf, DEFAULT_TEMPERATURE, 1.0)
        for temperature in TEMPERATURES:
            learned = _softmax(margins / temperature)
            for alpha in ALPHAS:
                chosen = (alpha * learned + (1 - alpha) * prior)[np.arange(len(truth)), truth]
                loss = -np.mean(np.log(np.clip(chosen, 1e-9, None)))
                if loss < best[0]:
                    best = (loss, float(temperature), float(alpha))
        return best[1], best[2]

    def _columns(self) -> list[int]:
        return [self.codes.index(c) for c in self.model.classes_]

    def _margins(self, features) -> np.ndarray:
        margins = self.model.decision_function(features)
        if margins.ndim == 1:  # two classes: one margin, for the second class
            margins = np.column_stack([-margins / 2, margins / 2])
        return margins

    def _features(self, texts: list[str], *, fit: bool = False, matched=None):
        from scipy.sparse import csr_matrix, hstack

        text_features = (
            self.vectorizer.fit_transform(texts) if fit else self.vectorizer.transform(texts)
        )
        keyword_scores = (
            np.vstack(
                [
                    self.keywords.scores(t, matched[i] if matched else None)
                    for i, t in enumerate(texts)
                ]
            )
            if texts
            else None
        )
        return hstack([text_features, csr_matrix(keyword_scores * KEYWORD_FEATURE_SCALE)]).tocsr()

    # --- predicting -------------------------------------------------------------------------
    def probabilities(
        self, texts: list[str], matched: list | None = None, features=None
    ) -> np.ndarray:
        """matched, features: the keyword matches and the model's features per text, when the
        caller has them already."""
        prior = self.keywords.probabilities(texts, matched)
        if self.model is None:
            return prior
        if features is None:
            features = self._features(texts, matched=matched)
        margins = np.full(prior.shape, -np.inf)
        margins[:, self._columns()] = self._margins(features)
        learned = _softmax(margins / self.temperature)
        # Texts without any known word: the model's guess is no better than the keywords'.
        empty = np.array([not content_stems(t) for t in texts])
        blended = self.alpha * learned + (1 - self.alpha) * prior
        blended[empty] = prior[empty]
        return blended / blended.sum(axis=1, keepdims=True)

    def suggest(self, text: str, k: int = 3) -> list[Suggestion]:
        return self.suggest_many([text], k)[0]

    def suggest_many(self, texts: list[str], k: int = 3) -> list[list[Suggestion]]:
        """Top-k themes per text; the words that drove it for the first. One batch for the model."""
        if not self.codes:  # no themes yet (an installation before they are loaded): nothing
            return [[] for _text in texts]
        if not texts:
            return []
        folded = [fold(t) for t in texts]
        tokens = [folded_words(f) for f in folded]
        # Words not seen before, all at once (learn_words skips the known ones).
        self.keywords.learn_words(w for ws in tokens for w in ws if w not in STOPWORDS)
        matched = [
            self.keywords.matched(t, f, w) for t, f, w in zip(texts, folded, tokens, strict=True)
        ]
        features = self._features(texts, matched=matched) if self.model is not None else None
        probabilities = self.probabilities(texts, matched, features)
        # Nothing to go on (every theme equally likely): no suggestion beats a random one.
        flat = np.isclose(probabilities, probabilities[:, :1]).all(axis=1)
        results = []
        for n, (text, found, row) in enumerate(zip(texts, matched, probabilities, strict=True)):
            if flat[n]:
                results.append([])
                continue
            order = np.argsort(-row, kind="stable")[:k]  # ties: the themes' order
            vector = None if features is None else features[n]
            results.append(
                [
                    Suggestion(
                        self.codes[i],
                        round(float(row[i]), 3),
                        self._explain(text, i, found, vector, tokens[n]) if rank == 0 else [],
                    )
                    for rank, i in enumerate(order)
                ]
            )
        return results

    def _explain(
        self, text: str, index: int, matched, features, text_words: list[str] | None = None
    ) -> list[str]:
        """The words in the text that drove this theme: keyword hits and the model's top terms.
        features: the text's row of the model's features (the term columns come first);
        text_words: words(text), when the caller has them."""
        hits = matched[index]
        # Phrases first, then the terms that weigh most; the same order in every process.
        reasons = sorted(hits, key=lambda term: (-hits[term], term))
        if self.model is not None and self.codes[index] in self.model.classes_:
            names = self.__dict__.get("_term_names")
            if names is None:
                terms_vectorizer = self.vectorizer.transformer_list[0][1]
                names = self._term_names = terms_vectorizer.get_feature_names_out()
            width = len(names)
            vector = features[:, :width]
            row = list(self.model.classes_).index(self.codes[index])
            if self.model.coef_.shape[0] == 1:  # two classes: one row, for the second class
                coefficients = self.model.coef_[0][:width] * (1 if row == 1 else -1)
            else:
                coefficients = self.model.coef_[row][:width]
            contributions = vector.multiply(coefficients).tocsr()
            top = sorted(
                zip(contributions.indices, contributions.data, strict=True), key=lambda x: -x[1]
            )
            # Only terms that speak for this theme more than for any other: distinctive ones.
            strongest = self.model.coef_[:, :width].max(axis=0)
            reasons += [
                names[i]
                for i, value in top[:12]
                if value > 0 and coefficients[i] >= strongest[i] and coefficients[i] > 0
            ]
        if not reasons:
            return []
        if text_words is None:
            text_words = words(text)
        # Each stem's first word in the text (each distinct word stemmed once).
        surface = {stem(w): w for w in reversed(dict.fromkeys(text_words))}
        shown = []
        for reason in reasons:
            parts = []
            for part in reason.split():
                # The word itself, or the (compound) word that contains the term.
                word = surface.get(part) or next((w for w in text_words if part in w), None)
                if word:
                    parts.append(word)
            # A reason made of generic words only ('gemeente', 'belt') explains nothing.
            if all(is_generic(part) for part in parts):
                continue
            phrase = " ".join(parts)
            if phrase and phrase not in shown:
                shown.append(phrase)
        return shown[:6]

    # --- storing ----------------------------------------------------------------------------
    def dumps(self) -> bytes:
        import joblib

        buffer = io.BytesIO()
        joblib.dump(self, buffer, compress=3)
        return buffer.getvalue()

    @staticmethod
    def loads(data: bytes) -> ThemeClassifier:
        import joblib

        return joblib.load(io.BytesIO(data))
