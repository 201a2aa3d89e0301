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

from .text import STOPWORDS, content_stems, fold, folded_words, stem, words

CONFIDENT = 0.45  # below this the suggestion is shown as a question, not pre-filled
BLEND_HALF = 20  # with this many labels, the learned model and the keywords weigh equally
KEYWORD_FEATURE_SCALE = 0.3  # the keyword scores enter the learned model as features


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


class KeywordScorer:
    def __init__(self, profiles: list[ThemeProfile]):
        self.codes = [p.code for p in profiles]
        theme_terms: list[dict[str, float]] = []
        theme_phrases: list[list[str]] = []
        for profile in profiles:
            phrases = [profile.name, *profile.keywords]
            phrases += re.split(r"[,;:.()]", profile.description)
            terms: dict[str, float] = {}
            multiword = []
            for phrase in phrases:
                stems = [s for s in content_stems(phrase) if len(s) > 1]
                for s in stems:
                    terms[s] = 1.0
                if len(stems) > 1:
                    multiword.append(" ".join(words(phrase)))
            theme_terms.append(terms)
            theme_phrases.append([m for m in multiword if len(m) > 6])
        # A term that belongs to many themes says little: weigh by inverse theme frequency.
        counts: dict[str, int] = {}
        for terms in theme_terms:
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
        n = len(profiles)
        self.theme_terms = [
            {t: math.log(1 + n / counts[t]) for t in terms} for terms in theme_terms
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
            for index, phrase in found_phrases:
                result[index][phrase] = 1.5
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
                for phrase in phrases:
                    found = finder.get(phrase, ())
                    finder.add_word(phrase, (*found, (index, phrase)))
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
        logits = 1.2 * raw
        weights = np.exp(logits - logits.max(axis=1, keepdims=True))
        rows = weights / weights.sum(axis=1, keepdims=True)
        rows[raw.max(axis=1) <= 0] = 1 / len(self.codes)  # nothing matched: all equally likely
        return rows


def _terms(text: str) -> list[str]:
    stems = content_stems(text)
    return stems + [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]


class ThemeClassifier:
    def __init__(self, profiles: list[ThemeProfile]):
        self.profiles = profiles
        self.codes = [p.code for p in profiles]
        self.keywords = KeywordScorer(profiles)
        self.vectorizer = None
        self.model = None
        self.n_train = 0

    # --- training ---------------------------------------------------------------------------
    def fit(self, texts: list[str], labels: list[str]) -> ThemeClassifier:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion

        pairs = [
            (t, c) for t, c in zip(texts, labels, strict=True) if c in self.codes and t.strip()
        ]
        self.n_train = len(pairs)
        if len({c for _t, c in pairs}) < 2:
            self.model = None
            return self
        self.vectorizer = FeatureUnion(
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
        matrix = self._features([t for t, _c in pairs], fit=True)
        self.model = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
        self.model.fit(matrix, [c for _t, c in pairs])
        return self

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
        learned = np.zeros_like(prior)
        columns = [self.codes.index(c) for c in self.model.classes_]
        if features is None:
            features = self._features(texts, matched=matched)
        learned[:, columns] = self.model.predict_proba(features)
        # Texts without any known word: the model's guess is no better than the keywords'.
        empty = np.array([not content_stems(t) for t in texts])
        alpha = self.n_train / (self.n_train + BLEND_HALF)
        blended = alpha * learned + (1 - alpha) * prior
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
            reasons += [names[i] for i, value in top[:5] if value > 0]
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
