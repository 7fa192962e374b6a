-- Browsers and operating systems people listen with (from user agents), by plays
SELECT CASE WHEN p.user_agent LIKE '%iPhone%' OR p.user_agent LIKE '%iPad%' THEN 'iOS'
            WHEN p.user_agent LIKE '%Android%' THEN 'Android'
            WHEN p.user_agent LIKE '%Windows%' THEN 'Windows'
            WHEN p.user_agent LIKE '%Macintosh%' THEN 'Mac'
            WHEN p.user_agent LIKE '%Linux%' THEN 'Linux'
            ELSE 'other' END AS os,
       CASE WHEN p.user_agent LIKE '%Firefox%' THEN 'Firefox'
            WHEN p.user_agent LIKE '%Chrome%' THEN 'Chrome'
            WHEN p.user_agent LIKE '%Safari%' THEN 'Safari'
            WHEN p.user_agent LIKE '%MSIE%' OR p.user_agent LIKE '%Trident%' THEN 'Internet Explorer'
            ELSE 'other' END AS browser,
       count(*) AS plays, count(DISTINCT p.user_id) AS listeners
FROM songplays p
GROUP BY 1, 2
ORDER BY plays DESC, os, browser;
