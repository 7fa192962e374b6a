SELECT 'a;b', "c;d" -- x;
/* ; /* nested */ ; */ SELECT $$;$$, $t$ ; $t$;
SELECT E'\';
