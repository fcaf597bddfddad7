-- Search that finds (issue 15): typo matches that really are typos, and
-- words in the person's language found in translated service texts.
--
-- belong_edit_distance: the optimal-string-alignment distance (insertions,
-- deletions, substitutions and swaps of two neighbouring letters) between
-- two words. Trigram similarity alone cannot tell a typo ("ligal" for
-- "legal", 0.33) from a different word that shares its first letters
-- ("quran" and "quiz", also 0.33); the edit distance can (1 and 3).
CREATE OR REPLACE FUNCTION belong_edit_distance(a text, b text) RETURNS integer
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  la integer := length(a);
  lb integer := length(b);
  before_prev integer[];
  prev integer[];
  cur integer[];
  i integer;
  j integer;
  cost integer;
  v integer;
BEGIN
  IF la = 0 THEN RETURN lb; END IF;
  IF lb = 0 THEN RETURN la; END IF;
  prev := array_fill(0, ARRAY[lb + 1], ARRAY[0]);
  FOR j IN 0..lb LOOP prev[j] := j; END LOOP;
  before_prev := prev;
  FOR i IN 1..la LOOP
    cur := array_fill(0, ARRAY[lb + 1], ARRAY[0]);
    cur[0] := i;
    FOR j IN 1..lb LOOP
      cost := CASE WHEN substr(a, i, 1) = substr(b, j, 1) THEN 0 ELSE 1 END;
      v := least(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      IF i > 1 AND j > 1 AND substr(a, i, 1) = substr(b, j - 1, 1) AND substr(a, i - 1, 1) = substr(b, j, 1) THEN
        v := least(v, before_prev[j - 2] + 1);
      END IF;
      cur[j] := v;
    END LOOP;
    before_prev := prev;
    prev := cur;
  END LOOP;
  RETURN prev[lb];
END
$$;

-- belong_typo_near: some word of `words` is a typo away from `word` (both
-- already folded): one edit for words of up to 5 letters, two up to 8,
-- three beyond.
CREATE OR REPLACE FUNCTION belong_typo_near(word text, words text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  w text;
  allowed integer := CASE WHEN length(word) <= 5 THEN 1 WHEN length(word) <= 8 THEN 2 ELSE 3 END;
BEGIN
  FOREACH w IN ARRAY regexp_split_to_array(words, '[[:space:][:punct:]’‘“”]+') LOOP
    IF w <> '' AND abs(length(w) - length(word)) <= allowed AND belong_edit_distance(word, w) <= allowed THEN
      RETURN true;
    END IF;
  END LOOP;
  RETURN false;
END
$$;

-- Words of services' translated texts, in any script, without stemming: a
-- search in the person's language finds the services translated into it.
CREATE INDEX IF NOT EXISTS belong_translation_service_words ON belong_translation
  USING gin (to_tsvector('simple', belong_fold(text))) WHERE entity = 'service';
